const EDGE_PUNCTUATION = /^[\s"'“”‘’«»()[\]{},.;:!?–—-]+|[\s"'“”‘’«»()[\]{},.;:!?–—-]+$/g;
const POSSESSIVE = /['’]s?$/i;
const LEADING_ARTICLE = /^(the|a|an)\s+/i;

/**
 * Normalises an entity as an NLP library returns it from real text: edge punctuation,
 * possessives ("Apple's"), a leading article, doubled spaces, and all-lower or all-upper casing.
 */
export const cleanEntityLabel = (raw: string): string => {
  let label = raw.replace(/\s+/g, ' ').replace(EDGE_PUNCTUATION, '');
  label = label.replace(POSSESSIVE, '').replace(EDGE_PUNCTUATION, '');
  label = label.replace(LEADING_ARTICLE, '');
  if (label === label.toLowerCase() || (label === label.toUpperCase() && label.length > 4)) {
    label = label
      .toLowerCase()
      .split(' ')
      .map((word) => (word.length > 0 ? word[0].toUpperCase() + word.slice(1) : word))
      .join(' ');
  }
  return label;
};

/** The key two labels share when they name the same thing, whatever their casing. */
export const labelKey = (label: string): string =>
  label.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
