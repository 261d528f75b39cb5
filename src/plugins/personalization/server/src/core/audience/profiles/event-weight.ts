import type { ProfileEvent } from '../events/types';

/** Dwell counts one per minute read, up to this many. */
const MAX_DWELL_WEIGHT = 5;

/**
 * How much an event says about interest in its entry's tags: a view 1, a click 2, a minute of
 * dwell 1 (at most 5), a full scroll 1, a conversion 3. Custom events carry no interest.
 */
export const eventWeight = (event: Pick<ProfileEvent, 'type' | 'value'>): number => {
  const value = event.value ?? 0;
  switch (event.type) {
    case 'view':
      return 1;
    case 'click':
      return 2;
    case 'dwell':
      return Math.min(value / 60_000, MAX_DWELL_WEIGHT);
    case 'scroll':
      return value / 100;
    case 'conversion':
      return 3;
    case 'custom':
      return 0;
  }
};
