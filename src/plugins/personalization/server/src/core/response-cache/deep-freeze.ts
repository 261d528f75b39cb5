/**
 * Freezes a JSON-like value at every depth. A cached answer is shared by every later request:
 * freezing it turns a caller that would change it in place into an error instead of a silent
 * change of what everyone else is served.
 */
export const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value as Record<string, unknown>)) deepFreeze(item);
  }
  return value;
};
