import { Checkbox, Field, Flex, Grid, IconButton } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { SelectField, TextField } from '../../components/form/fields';
import { useT } from '../../hooks/useT';
import type { MetricForm } from './experimentForm';

/** One metric: its name and kind, the events that count, and an optional entry. */
export const MetricFields = ({
  prefix,
  metric,
  onChange,
  disabled,
  error,
  onRemove,
}: {
  prefix: string;
  metric: MetricForm;
  onChange: (metric: MetricForm) => void;
  disabled: boolean;
  error?: string;
  onRemove?: () => void;
}) => {
  const t = useT();
  const set = (change: Partial<MetricForm>) => onChange({ ...metric, ...change });
  return (
    <Grid.Root gap={3}>
      <Grid.Item col={3} alignItems="start">
        <TextField
          name={`${prefix}-name`}
          label={t('experiments.metric.name')}
          value={metric.name}
          onChange={(name) => set({ name })}
          disabled={disabled}
          error={error}
        />
      </Grid.Item>
      <Grid.Item col={3} alignItems="start">
        <SelectField
          name={`${prefix}-kind`}
          label={t('experiments.metric.kind')}
          value={metric.kind}
          onChange={(kind) => set({ kind: kind as MetricForm['kind'] })}
          options={[
            { value: 'proportion', label: t('experiments.metric.proportion') },
            { value: 'mean', label: t('experiments.metric.mean') },
          ]}
          disabled={disabled}
        />
      </Grid.Item>
      {metric.kind === 'proportion' ? (
        <Grid.Item col={3} alignItems="start">
          <Field.Root name={`${prefix}-events`} hint={t('experiments.metric.eventsHint')}>
            <Field.Label>{t('experiments.metric.events')}</Field.Label>
            <Flex gap={4} paddingTop={2}>
              <Checkbox
                name={`${prefix}-conversion`}
                checked={metric.conversion}
                disabled={disabled}
                onCheckedChange={(checked: boolean | 'indeterminate') =>
                  set({ conversion: checked === true })
                }
              >
                conversion
              </Checkbox>
              <Checkbox
                name={`${prefix}-click`}
                checked={metric.click}
                disabled={disabled}
                onCheckedChange={(checked: boolean | 'indeterminate') =>
                  set({ click: checked === true })
                }
              >
                click
              </Checkbox>
            </Flex>
            <Field.Hint />
          </Field.Root>
        </Grid.Item>
      ) : (
        <>
          <Grid.Item col={2} alignItems="start">
            <SelectField
              name={`${prefix}-event`}
              label={t('experiments.metric.event')}
              value={metric.event}
              onChange={(event) => set({ event: event as MetricForm['event'] })}
              options={['dwell', 'scroll', 'conversion', 'custom'].map((value) => ({
                value,
                label: value,
              }))}
              disabled={disabled}
            />
          </Grid.Item>
          <Grid.Item col={1} alignItems="start">
            <SelectField
              name={`${prefix}-aggregate`}
              label={t('experiments.metric.aggregate')}
              value={metric.aggregate}
              onChange={(aggregate) => set({ aggregate: aggregate as MetricForm['aggregate'] })}
              options={['sum', 'max'].map((value) => ({ value, label: value }))}
              disabled={disabled}
            />
          </Grid.Item>
        </>
      )}
      {(metric.kind === 'proportion' || metric.event === 'custom') && (
        <Grid.Item col={2} alignItems="start">
          <TextField
            name={`${prefix}-customEvent`}
            label={t('experiments.metric.customEvent')}
            hint={t(
              metric.kind === 'proportion'
                ? 'experiments.metric.customEventHint'
                : 'experiments.metric.customEventValueHint'
            )}
            value={metric.customEvent}
            onChange={(customEvent) => set({ customEvent })}
            disabled={disabled}
          />
        </Grid.Item>
      )}
      <Grid.Item col={onRemove ? 2 : 3} alignItems="start">
        <TextField
          name={`${prefix}-entry`}
          label={t('experiments.metric.entry')}
          hint={t('experiments.metric.entryHint')}
          value={metric.entry}
          onChange={(entry) => set({ entry })}
          disabled={disabled}
        />
      </Grid.Item>
      {onRemove && (
        <Grid.Item col={1} alignItems="start" paddingTop={6}>
          <IconButton label={t('experiments.metric.remove')} onClick={onRemove} disabled={disabled}>
            <Trash />
          </IconButton>
        </Grid.Item>
      )}
    </Grid.Root>
  );
};
