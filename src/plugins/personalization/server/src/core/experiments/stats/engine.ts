import type { StatsEngine } from '../analyze-results';
import { compareArms } from './compare-arms';
import { srmPValue } from './srm';

/** The StatsEngine the results analysis runs with. */
export const statsEngine: StatsEngine = {
  compare: compareArms,
  srmPValue,
};
