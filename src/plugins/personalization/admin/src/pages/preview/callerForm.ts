import type { CallerInput } from '../../../../shared/contracts/templates';
import { parseList } from '../../components/template/parameterValues';

/** The caller of a preview as the form holds it. */
export interface CallerForm {
  userId: string;
  visitorId: string;
  traits: string;
  segments: string;
}

export const emptyCallerForm = (): CallerForm => ({
  userId: '',
  visitorId: 'preview-visitor',
  traits: '{}',
  segments: '',
});

/** The preview API's `caller`; throws an Error naming the field that does not parse. */
export const toCaller = (form: CallerForm): CallerInput => {
  let traits: unknown = {};
  if (form.traits.trim() !== '') {
    try {
      traits = JSON.parse(form.traits);
    } catch {
      throw new Error('traits: not valid JSON');
    }
    if (typeof traits !== 'object' || traits === null || Array.isArray(traits)) {
      throw new Error('traits: a JSON object of strings, numbers and booleans');
    }
  }
  const segments = parseList(form.segments);
  return {
    ...(form.userId.trim() !== '' ? { user: { id: form.userId.trim() } } : {}),
    ...(form.visitorId.trim() !== '' ? { visitorId: form.visitorId.trim() } : {}),
    traits: traits as Record<string, string | number | boolean>,
    ...(segments ? { segments } : {}),
  };
};
