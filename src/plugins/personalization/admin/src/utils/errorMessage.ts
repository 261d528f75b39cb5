import type { TemplateProblem } from '../../../shared/contracts/templates';

interface ApiErrorShape {
  response?: { data?: { error?: { message?: string; details?: { problems?: unknown } } } };
  message?: string;
}

/** The server's error message from a failed useFetchClient call (Strapi's error format). */
export const errorMessage = (error: unknown): string => {
  const shaped = error as ApiErrorShape;
  return shaped?.response?.data?.error?.message ?? shaped?.message ?? String(error);
};

/** Template problems (with line and column) a failed create or update answered with. */
export const errorProblems = (error: unknown): TemplateProblem[] => {
  const problems = (error as ApiErrorShape)?.response?.data?.error?.details?.problems;
  return Array.isArray(problems) && problems.every((problem) => typeof problem === 'object')
    ? (problems as TemplateProblem[])
    : [];
};
