/**
 * A users-permissions user id as every key (audience pseudonyms, flag stickiness) uses it: "01",
 * " 1" and 1 are the same user 1. Ids that are not decimal digits (a preview caller such as
 * "alice") are kept as given.
 */
export const normalizeUserId = (id: string | number): string => {
  const text = String(id).trim();
  return /^[0-9]+$/.test(text) ? text.replace(/^0+(?=[0-9])/, '') : text;
};
