import type { ParameterType, ParameterValue } from '../../../../shared/contracts/templates';

/** The text an editor types for a parameter default, turned into the declared type (or undefined). */
export const parseParameterValue = (
  type: ParameterType,
  text: string
): ParameterValue | undefined => {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (type === 'number') return Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
  if (type === 'boolean') return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
  if (type === 'list') return trimmed.split(',').map((item) => item.trim());
  return text;
};

export const formatParameterValue = (value: ParameterValue | undefined): string =>
  value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);

/** "a, b" → ["a", "b"]; empty → undefined. */
export const parseList = (text: string): string[] | undefined => {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
};
