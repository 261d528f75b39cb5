/** PostgreSQL returns bigint columns as strings and SQLite booleans as 0/1: read them back here. */
export const toNumber = (value: unknown): number => (value === null ? NaN : Number(value));
export const toOptionalNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
export const toBoolean = (value: unknown): boolean =>
  value === true || value === 1 || value === '1';

export const parseJson = <T>(value: unknown, fallback: T): T => {
  if (typeof value !== 'string' || value.length === 0) {
    return fallback;
  }
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
};

/** The empty string stands for "no locale" so the unique (uid, documentId, locale) index works. */
export const localeKey = (locale: string | null | undefined): string => locale ?? '';
export const localeValue = (key: string): string | null => (key === '' ? null : key);
