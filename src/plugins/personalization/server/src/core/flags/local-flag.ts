import type { FeatureInterface } from 'unleash-client/lib/feature';
import { PayloadType } from 'unleash-client/lib/variant';
import type { Constraint, Operator } from 'unleash-client/lib/strategy/strategy';

export const STICKINESS = ['default', 'userId', 'sessionId', 'random'] as const;
export type Stickiness = (typeof STICKINESS)[number];

export const CONSTRAINT_OPERATORS = [
  'IN',
  'NOT_IN',
  'STR_ENDS_WITH',
  'STR_STARTS_WITH',
  'STR_CONTAINS',
  'NUM_EQ',
  'NUM_GT',
  'NUM_GTE',
  'NUM_LT',
  'NUM_LTE',
  'DATE_AFTER',
  'DATE_BEFORE',
  'SEMVER_EQ',
  'SEMVER_GT',
  'SEMVER_LT',
] as const;

export interface LocalConstraint {
  /** An Unleash context field: userId, sessionId, or a property such as a trait name or `segments`. */
  contextName: string;
  operator: (typeof CONSTRAINT_OPERATORS)[number];
  values?: string[];
  value?: string;
  inverted?: boolean;
  caseInsensitive?: boolean;
}

export interface LocalVariant {
  name: string;
  /** Relative weight; the weights of a flag are scaled to Unleash's 1000. */
  weight: number;
  payload?: { type: 'string' | 'json' | 'number'; value: string };
  stickiness?: Stickiness;
}

/** A flag the plugin stores when no Unleash server is configured. */
export interface LocalFlag {
  name: string;
  description?: string;
  enabled: boolean;
  /** Percentage of callers (by stickiness) the flag is on for. */
  rollout: number;
  stickiness: Stickiness;
  constraints: LocalConstraint[];
  variants: LocalVariant[];
}

const UNLEASH_TOTAL_WEIGHT = 1000;

/** Scales relative weights to integers that add up to exactly 1000, as Unleash requires. */
export const scaleWeights = (weights: readonly number[]): number[] => {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) return weights.map(() => 0);
  const scaled = weights.map((weight) => Math.floor((weight / total) * UNLEASH_TOTAL_WEIGHT));
  let remainder = UNLEASH_TOTAL_WEIGHT - scaled.reduce((sum, weight) => sum + weight, 0);
  for (let index = 0; remainder > 0; index = (index + 1) % scaled.length) {
    if (weights[index] > 0) {
      scaled[index] += 1;
      remainder -= 1;
    }
  }
  return scaled;
};

const payloadTypes: Record<NonNullable<LocalVariant['payload']>['type'], PayloadType> = {
  string: PayloadType.STRING,
  json: PayloadType.JSON,
  number: PayloadType.NUMBER,
};

/**
 * The Unleash feature a local flag is: one flexibleRollout strategy (rollout %, stickiness,
 * group id = flag name, constraints) and the variants, so that unleash-client evaluates it
 * exactly as a server-defined flag.
 */
export const toUnleashFeature = (flag: LocalFlag): FeatureInterface => {
  const weights = scaleWeights(flag.variants.map((variant) => variant.weight));
  return {
    name: flag.name,
    description: flag.description,
    type: 'release',
    project: 'default',
    enabled: flag.enabled,
    stale: false,
    strategies: [
      {
        name: 'flexibleRollout',
        parameters: {
          rollout: String(flag.rollout),
          stickiness: flag.stickiness,
          groupId: flag.name,
        },
        constraints: flag.constraints.map(
          (constraint): Constraint => ({
            contextName: constraint.contextName,
            operator: constraint.operator as Operator,
            values: constraint.values ?? [],
            value: constraint.value,
            inverted: constraint.inverted ?? false,
            caseInsensitive: constraint.caseInsensitive ?? false,
          })
        ),
      },
    ],
    variants: flag.variants.map((variant, index) => ({
      name: variant.name,
      weight: weights[index],
      stickiness: variant.stickiness ?? flag.stickiness,
      payload: variant.payload
        ? { type: payloadTypes[variant.payload.type], value: variant.payload.value }
        : undefined,
    })),
  };
};
