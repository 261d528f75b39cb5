export const FIELD_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_:-]+)*$/;

/** Segments that reach an object's prototype machinery rather than its data. */
export const FORBIDDEN_SEGMENTS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** What is wrong with a field path, or null when it may be read. */
export const fieldPathProblem = (field: string, roots: readonly string[]): string | null => {
  if (!FIELD_PATTERN.test(field)) {
    return 'must be a dotted path such as profile.affinities.sports';
  }
  const segments = field.split('.');
  const forbidden = segments.find((segment) => FORBIDDEN_SEGMENTS.includes(segment));
  if (forbidden !== undefined) return `must not use the segment "${forbidden}"`;
  if (!roots.includes(segments[0])) {
    return `must start with one of ${roots.join(', ')} (got "${segments[0]}")`;
  }
  return null;
};
