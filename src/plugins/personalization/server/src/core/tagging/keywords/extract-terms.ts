import type { ItemToken, ItsFunction } from 'wink-nlp';
import { readWinkDocument, wink } from '../nlp/wink';
import { GENERIC_TERMS } from './generic-terms';

/** Parts of speech that carry a text's topic; verbs and function words do not make good tags. */
const TOPICAL_POS = new Set(['NOUN', 'PROPN', 'ADJ']);
const MIN_TERM_LENGTH = 3;

/**
 * The topical terms of a text in reading order (repeats kept, for term frequency): wink-nlp
 * tokenises, tags parts of speech and flags stop words; terms are lemmatised and lower-cased,
 * and generic time and measure words are left out.
 */
export const extractTerms = (text: string): string[] => {
  const its = wink().its;
  const terms: string[] = [];
  readWinkDocument(text)
    .tokens()
    .each((token: ItemToken) => {
      if (token.out(its.type) !== 'word' || token.out(its.stopWordFlag)) {
        return;
      }
      if (!TOPICAL_POS.has(token.out(its.pos))) {
        return;
      }
      // wink's typings declare lemma with a different addon parameter than `out` accepts; it works at run time.
      const term = token.out(its.lemma as unknown as ItsFunction<string>).toLowerCase();
      if (
        term.length >= MIN_TERM_LENGTH &&
        /^\p{L}[\p{L}'-]*$/u.test(term) &&
        !GENERIC_TERMS.has(term)
      ) {
        terms.push(term);
      }
    });
  return terms;
};
