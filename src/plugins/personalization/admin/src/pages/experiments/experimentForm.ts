import {
  EXPERIMENT_FROZEN_FIELDS,
  type BaselineRecord,
  type CreateExperimentBody,
  type UpdateExperimentBody,
  type ExperimentMetricRecord,
  type ExperimentRecord,
  type SampleSizeBody,
} from '../../../../shared/contracts/experiment-records';
import { parseList } from '../../components/template/parameterValues';

/** A metric as the form edits it: both kinds' fields kept, so switching kind loses nothing. */
export interface MetricForm {
  name: string;
  kind: 'proportion' | 'mean';
  conversion: boolean;
  click: boolean;
  event: 'dwell' | 'scroll' | 'conversion' | 'custom';
  aggregate: 'sum' | 'max';
  /** The custom event that counts (proportion: besides the ticked types; mean: with event custom). */
  customEvent: string;
  entry: string;
}

export interface ArmForm {
  name: string;
  weight: number | undefined;
}

export type BaselineKind = 'none' | 'rate' | 'mean';

/** An experiment as the form edits it (lists as comma-separated text, numbers possibly empty). */
export interface ExperimentForm {
  name: string;
  hypothesis: string;
  contentType: string;
  filterDocumentIds: string;
  filterTags: string;
  arms: ArmForm[];
  segments: string;
  flag: string;
  primaryMetric: MetricForm;
  guardrailMetrics: MetricForm[];
  alpha: number | undefined;
  power: number | undefined;
  mde: number | undefined;
  attributionWindowHours: number | undefined;
  baselineKind: BaselineKind;
  baselineRate: number | undefined;
  baselineMean: number | undefined;
  baselineSd: number | undefined;
}

export const emptyMetricForm = (name = ''): MetricForm => ({
  name,
  kind: 'proportion',
  conversion: true,
  click: false,
  event: 'dwell',
  aggregate: 'sum',
  customEvent: '',
  entry: '',
});

/** The server's defaults (alpha 0.05, power 0.8, MDE 10 %, 72 h), shown rather than implied. */
export const emptyExperimentForm = (): ExperimentForm => ({
  name: '',
  hypothesis: '',
  contentType: '',
  filterDocumentIds: '',
  filterTags: '',
  arms: [
    { name: 'base', weight: 1 },
    { name: '', weight: 1 },
  ],
  segments: '',
  flag: '',
  primaryMetric: emptyMetricForm('conversion'),
  guardrailMetrics: [],
  alpha: 0.05,
  power: 0.8,
  mde: 0.1,
  attributionWindowHours: 72,
  baselineKind: 'rate',
  baselineRate: 0.1,
  baselineMean: undefined,
  baselineSd: undefined,
});

const metricToForm = (metric: ExperimentMetricRecord): MetricForm => ({
  ...emptyMetricForm(metric.name),
  kind: metric.kind,
  entry: metric.entry ?? '',
  customEvent: metric.customEvent ?? '',
  ...(metric.kind === 'proportion'
    ? { conversion: metric.events.includes('conversion'), click: metric.events.includes('click') }
    : { event: metric.event, aggregate: metric.aggregate }),
});

export const experimentToForm = (experiment: ExperimentRecord): ExperimentForm => {
  const baseline = experiment.baseline;
  return {
    name: experiment.name,
    hypothesis: experiment.hypothesis,
    contentType: experiment.contentType,
    filterDocumentIds: (experiment.entryFilter?.documentIds ?? []).join(', '),
    filterTags: (experiment.entryFilter?.tags ?? []).join(', '),
    arms: experiment.arms.map((arm) => ({ ...arm })),
    segments: (experiment.targeting?.segments ?? []).join(', '),
    flag: experiment.targeting?.flag ?? '',
    primaryMetric: metricToForm(experiment.primaryMetric),
    guardrailMetrics: (experiment.guardrailMetrics ?? []).map(metricToForm),
    alpha: experiment.alpha,
    power: experiment.power,
    mde: experiment.mde,
    attributionWindowHours: experiment.attributionWindowHours,
    baselineKind: baseline === null ? 'none' : 'rate' in baseline ? 'rate' : 'mean',
    baselineRate: baseline && 'rate' in baseline ? baseline.rate : undefined,
    baselineMean: baseline && 'mean' in baseline ? baseline.mean : undefined,
    baselineSd: baseline && 'sd' in baseline ? baseline.sd : undefined,
  };
};

const required = (value: number | undefined, field: string): number => {
  if (value === undefined || !Number.isFinite(value)) throw new Error(`${field}: a number`);
  return value;
};

/** The metric of the body; throws an Error naming the field that is incomplete. */
export const metricToBody = (metric: MetricForm, field: string): ExperimentMetricRecord => {
  const name = metric.name.trim();
  if (name === '') throw new Error(`${field}.name: give the metric a name`);
  const entry = metric.entry.trim() === '' ? {} : { entry: metric.entry.trim() };
  const customEvent = metric.customEvent.trim();
  if (metric.kind === 'mean') {
    if (metric.event !== 'custom') {
      return { name, kind: 'mean', event: metric.event, aggregate: metric.aggregate, ...entry };
    }
    if (customEvent === '') throw new Error(`${field}.customEvent: name the custom event`);
    return {
      name,
      kind: 'mean',
      event: 'custom',
      customEvent,
      aggregate: metric.aggregate,
      ...entry,
    };
  }
  const events = [
    ...(metric.conversion ? (['conversion'] as const) : []),
    ...(metric.click ? (['click'] as const) : []),
    ...(customEvent !== '' ? (['custom'] as const) : []),
  ];
  if (events.length === 0) {
    throw new Error(`${field}.events: choose conversion, click or a custom event`);
  }
  return {
    name,
    kind: 'proportion',
    events,
    ...(customEvent !== '' ? { customEvent } : {}),
    ...entry,
  };
};

export const baselineToBody = (form: ExperimentForm): BaselineRecord | null => {
  if (form.baselineKind === 'none') return null;
  if (form.baselineKind === 'rate') return { rate: required(form.baselineRate, 'baseline.rate') };
  return {
    mean: required(form.baselineMean, 'baseline.mean'),
    sd: required(form.baselineSd, 'baseline.sd'),
  };
};

/** The body of POST/PUT /experiments; throws an Error naming the field that does not parse. */
export const formToBody = (
  form: ExperimentForm,
  options: { isNew: boolean; newPhase?: boolean }
): CreateExperimentBody | UpdateExperimentBody => {
  const documentIds = parseList(form.filterDocumentIds);
  const tags = parseList(form.filterTags);
  const segments = parseList(form.segments);
  const flag = form.flag.trim();
  return {
    ...(options.isNew ? { name: form.name.trim() } : {}),
    hypothesis: form.hypothesis,
    contentType: form.contentType,
    entryFilter:
      documentIds || tags ? { ...(documentIds && { documentIds }), ...(tags && { tags }) } : null,
    arms: form.arms.map((arm, index) => ({
      name: arm.name.trim(),
      weight: required(arm.weight, `arms.${index}.weight`),
    })),
    targeting: { ...(segments && { segments }), ...(flag !== '' && { flag }) },
    primaryMetric: metricToBody(form.primaryMetric, 'primaryMetric'),
    guardrailMetrics: form.guardrailMetrics.map((metric, index) =>
      metricToBody(metric, `guardrailMetrics.${index}`)
    ),
    alpha: required(form.alpha, 'alpha'),
    power: required(form.power, 'power'),
    mde: required(form.mde, 'mde'),
    attributionWindowHours: required(form.attributionWindowHours, 'attributionWindowHours'),
    baseline: baselineToBody(form),
    ...(options.newPhase ? { newPhase: true } : {}),
  };
};

/**
 * Whether a field is read-only: everything once stopped or archived; the frozen (pre-registered)
 * fields of a running experiment unless the editor chose to start a new phase.
 */
export const isReadOnly = (
  status: ExperimentRecord['status'] | null,
  field: string,
  newPhase: boolean
): boolean => {
  if (status === null || status === 'draft') return false;
  if (status === 'running') {
    return (EXPERIMENT_FROZEN_FIELDS as readonly string[]).includes(field) && !newPhase;
  }
  return true;
};

/**
 * The sample-size question the form asks (primary metric's kind, baseline, MDE, alpha, power),
 * or null while it is incomplete or the baseline does not fit the metric's kind.
 */
export const sampleSizeRequest = (form: ExperimentForm): SampleSizeBody | null => {
  const { alpha, power, mde } = form;
  if (alpha === undefined || power === undefined || mde === undefined || mde <= 0) return null;
  const metric = form.primaryMetric.kind;
  if (metric === 'proportion' && form.baselineKind === 'rate') {
    const rate = form.baselineRate;
    if (rate === undefined || rate <= 0 || rate >= 1) return null;
    return { metric, baseline: { rate }, mde, alpha, power };
  }
  if (metric === 'mean' && form.baselineKind === 'mean') {
    const { baselineMean: mean, baselineSd: sd } = form;
    if (mean === undefined || sd === undefined || sd <= 0) return null;
    return { metric, baseline: { mean, sd }, mde, alpha, power };
  }
  return null;
};

/** Each arm's planned share of callers (weights need not sum to 1); zeros while weights are bad. */
export const armShares = (arms: ArmForm[]): number[] => {
  const weights = arms.map((arm) => (arm.weight !== undefined && arm.weight > 0 ? arm.weight : 0));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => (total > 0 ? weight / total : 0));
};

/** The top-level field a server message names ("arms.1.weight: …" → "arms"), if any. */
export const fieldOfError = (message: string): string | null => {
  const match = /^([A-Za-z]+)[.:\s]/.exec(message);
  return match ? match[1] : null;
};
