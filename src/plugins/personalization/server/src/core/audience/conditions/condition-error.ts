/** Raised by parseCondition for the first problem found; the message starts with its JSON path. */
export class ConditionError extends Error {
  /** Where the problem is, e.g. `condition.all[1].op`. */
  readonly path: string;
  readonly problem: string;

  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'ConditionError';
    this.path = path;
    this.problem = problem;
  }
}
