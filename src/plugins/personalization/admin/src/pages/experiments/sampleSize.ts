/** Callers per arm from the sample-size route's answer (`{ data: { perArm } }`), or null. */
export const readPerArm = (answer: unknown): number | null => {
  const data = (answer as { data?: { perArm?: unknown } } | null)?.data;
  return typeof data?.perArm === 'number' && Number.isFinite(data.perArm) ? data.perArm : null;
};
