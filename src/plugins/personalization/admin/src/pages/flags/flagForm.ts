import type {
  CreateFlagBody,
  FlagRecord,
  FlagVariant,
  UpdateFlagBody,
} from '../../../../shared/contracts/templates';

/** A local flag as the editor changes it. */
export interface FlagForm {
  name: string;
  description: string;
  enabled: boolean;
  rollout: number | undefined;
  variants: FlagVariant[];
}

export const flagToForm = (flag: FlagRecord): FlagForm => ({
  name: flag.name,
  description: flag.description ?? '',
  enabled: flag.enabled,
  rollout: flag.rollout ?? 100,
  variants: flag.variants ?? [],
});

export const newFlagForm = (): FlagForm => ({
  name: '',
  description: '',
  enabled: false,
  rollout: 100,
  variants: [],
});

/**
 * The body of POST /flags (with the name) or PUT /flags/:name. Only local flags are edited, and
 * their variants' stickiness is one the server accepts (it checks it again).
 */
export const flagBody = (form: FlagForm, isNew: boolean): CreateFlagBody | UpdateFlagBody => ({
  ...(isNew ? { name: form.name } : {}),
  description: form.description,
  enabled: form.enabled,
  rollout: form.rollout ?? 100,
  variants: form.variants.filter(
    (variant) => variant.name.trim() !== ''
  ) as UpdateFlagBody['variants'],
});

/** Each variant's share of the traffic that gets the flag, in percent (weights are relative). */
export const variantShares = (variants: FlagVariant[]): number[] => {
  const total = variants.reduce((sum, variant) => sum + variant.weight, 0);
  return variants.map((variant) => (total === 0 ? 0 : (variant.weight / total) * 100));
};
