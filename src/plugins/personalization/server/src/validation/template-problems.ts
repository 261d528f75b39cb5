import { errors } from '@strapi/utils';
import type { TemplateProblem } from '../core/templates';

const describe = (problem: TemplateProblem): string => {
  const where =
    problem.line !== null ? `line ${problem.line}, column ${problem.column ?? 0}: ` : '';
  return `${where}${problem.message}`;
};

/** A 400 listing every problem of a template, the first one (with line and column) in the message. */
export const templateProblemsError = (name: string, problems: TemplateProblem[]) =>
  new errors.ValidationError(
    `template "${name}" is invalid: ${describe(problems[0])}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
    { problems }
  );
