import winkNLP from 'wink-nlp';
import winkModel from 'wink-eng-lite-web-model';

type WinkNLP = ReturnType<typeof winkNLP>;

let instance: WinkNLP | null = null;

/** One shared wink-nlp instance: loading the language model takes tens of milliseconds. */
export const wink = (): WinkNLP => {
  instance ??= winkNLP(winkModel);
  return instance;
};

/** wink-eng-lite-web-model's version, part of the extractor versions stored with tags. */
export const WINK_MODEL_VERSION = 'wink-eng-lite-web-model@1.8';
