/** Short words a title-case headline may leave in lower case. */
const MINOR_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'or',
  'over',
  'the',
  'to',
  'vs',
  'with',
]);

/**
 * A line in title case ("FC Lindholm Secures Promotion After Late Win"): three to sixteen
 * words, every word but minor ones capitalised, not all in capitals, and no list punctuation. There capitals say nothing
 * about names, so entities found only there are not trusted.
 */
export const isTitleCaseHeadline = (tokens: readonly string[]): boolean => {
  const words = tokens.filter((token) => /\p{L}/u.test(token));
  if (words.length < 3 || words.length > 16 || words.every((word) => word === word.toUpperCase())) {
    return false;
  }
  // Lists ("Squad: Javier Pertile, Paolo Vaccari, …") and datelines are capitalised for a reason.
  if (tokens.some((token) => /^[,;:(]$/.test(token))) {
    return false;
  }
  return words.every((word) => MINOR_WORDS.has(word.toLowerCase()) || /^[\p{Lu}\p{N}]/u.test(word));
};
