import winkNLP from 'wink-nlp';
import winkModel from 'wink-eng-lite-web-model';

type WinkNLP = ReturnType<typeof winkNLP>;
type WinkDocument = ReturnType<WinkNLP['readDoc']>;

let instance: WinkNLP | null = null;
let last: { text: string; doc: WinkDocument } | null = null;

/** One shared wink-nlp instance: loading the language model takes tens of milliseconds. */
export const wink = (): WinkNLP => {
  instance ??= winkNLP(winkModel);
  return instance;
};

/**
 * The parsed document of a text; the entity and keyword extractors read the same text one after
 * the other, so the last parse is kept instead of parsing twice.
 */
export const readWinkDocument = (text: string): WinkDocument => {
  if (last?.text !== text) {
    last = { text, doc: wink().readDoc(text) };
  }
  return last.doc;
};

/** wink-eng-lite-web-model's version, part of the extractor versions stored with tags. */
export const WINK_MODEL_VERSION = 'wink-eng-lite-web-model@1.8';
