/** A word of the text with its place, so entity labels are cut from the original text. */
export interface NerToken {
  text: string;
  start: number;
  end: number;
}

/**
 * CoNLL-2003-like tokens, which the trained model saw: acronyms with dots ("U.S."), words with
 * inner hyphens, dots or ampersands ("1996-12-06", "AT&T"), the possessive "'s" apart, and every
 * other non-space character on its own.
 */
const TOKEN =
  /(?:\p{Lu}\.){2,}|\p{Lu}\.(?=\s+\p{Lu})|[\p{L}\p{N}]+(?:[-.&/][\p{L}\p{N}]+)*(?:['’](?![sS]\b)\p{L}+)?|['’][sS]\b|\S/gu;

/** Titles and abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'inc',
  'corp',
  'ltd',
  'co',
  'vs',
  'gen',
  'gov',
  'sen',
  'rep',
  'no',
]);

const isSentenceEnd = (tokens: readonly NerToken[], index: number): boolean => {
  const token = tokens[index];
  if (!/^[.!?]$/.test(token.text)) {
    return false;
  }
  const previous = tokens[index - 1];
  return !(token.text === '.' && previous && ABBREVIATIONS.has(previous.text.toLowerCase()));
};

/** Sentences of tokens: a line break or a sentence-final mark (with closing quotes) ends one. */
export const tokenizeSentences = (text: string): NerToken[][] => {
  const sentences: NerToken[][] = [];
  for (const line of lines(text)) {
    const tokens = [...line.text.matchAll(TOKEN)].map((match) => ({
      text: match[0],
      start: line.start + (match.index ?? 0),
      end: line.start + (match.index ?? 0) + match[0].length,
    }));
    let current: NerToken[] = [];
    tokens.forEach((token, index) => {
      current.push(token);
      const next = tokens[index + 1];
      const closesQuote = next && /^["”’']$/.test(next.text) && isSentenceEnd(tokens, index);
      if (isSentenceEnd(tokens, index) && !closesQuote && current.length > 0) {
        sentences.push(current);
        current = [];
      } else if (/^["”’']$/.test(token.text) && index > 0 && isSentenceEnd(tokens, index - 1)) {
        sentences.push(current);
        current = [];
      }
    });
    if (current.length > 0) {
      sentences.push(current);
    }
  }
  return sentences;
};

const lines = (text: string): { text: string; start: number }[] => {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    if (part.trim().length > 0) {
      out.push({ text: part, start });
    }
    start += part.length + 1;
  }
  return out;
};
