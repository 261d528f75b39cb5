/** Raised when one or more content types declare an invalid personalization opt-in. */
export class OptInError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      `Invalid personalization opt-in:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`
    );
    this.name = 'OptInError';
    this.problems = problems;
  }
}
