import nlp from 'compromise';
import { readWinkDocument, wink, WINK_MODEL_VERSION } from '../nlp/wink';
import type { ExtractedTag, TagExtractor, TagType } from '../types';
import { cleanEntityLabel } from './clean-label';
import { mergeEntities } from './merge-entities';

export const OFFLINE_NER_NAME = 'offline-ner';
export const OFFLINE_NER_VERSION = `1.0.0+compromise@14.17+${WINK_MODEL_VERSION}`;

/**
 * Neither library gives a probability, so each kind of match carries a fixed prior: wink's
 * pattern matches for dates and money are rarely wrong, compromise's name guesses more often are.
 */
const CONFIDENCE: Record<TagType, number> = {
  PER: 0.75,
  ORG: 0.65,
  LOC: 0.7,
  DATE: 0.85,
  MONEY: 0.9,
  PERCENT: 0.9,
  QUANTITY: 0.75,
  MISC: 0.5,
  KEYWORD: 0.5,
};

/** wink-nlp entity types we keep; bare cardinals and ordinals are numbers, not tags. */
const WINK_TYPES: Record<string, TagType> = {
  DATE: 'DATE',
  MONEY: 'MONEY',
  PERCENT: 'PERCENT',
  MEASURE: 'QUANTITY',
  DURATION: 'QUANTITY',
};

/**
 * Organisation names compromise misses: up to four capitalised words ending in a word that names
 * an organisation ("Kestrel Semiconductor", "Atlantic Ferries Group").
 */
const ORGANISATION =
  /\b(?:[A-Z][\w&'-]*[ \t]+){1,4}(?:Inc|Corp|Corporation|Group|Bank|University|Ministry|Commission|Council|Semiconductor|Airlines|Motors|Systems|Labs|Institute|Agency|Association|Federation|Club|FC|United|Party|Company|Capital|Holdings)\b/g;

/** Amounts with an ISO currency code, which wink-nlp reads as bare numbers ("EUR 420 million"). */
const CURRENCY_CODE_MONEY =
  /\b(?:EUR|USD|GBP|CHF|JPY|CNY|SEK|NOK|DKK)\s?\d[\d,.]*(?:\s(?:thousand|million|billion|trillion))?\b/g;

/** Names are capitalised in English; compromise sometimes tags a common noun ("grant") as a person. */
const CAPITALISED = /^\p{Lu}/u;

const MIN_LABEL_LENGTH = 2;
const MAX_LABEL_LENGTH = 80;

const usable = (label: string): boolean =>
  label.length >= MIN_LABEL_LENGTH && label.length <= MAX_LABEL_LENGTH && /\p{L}|\d/u.test(label);

const tag = (label: string, type: TagType): ExtractedTag => ({
  label,
  type,
  confidence: CONFIDENCE[type],
  source: OFFLINE_NER_NAME,
  sourceVersion: OFFLINE_NER_VERSION,
});

const namesFromCompromise = (text: string): ExtractedTag[] => {
  const doc = nlp(text);
  const found: ExtractedTag[] = [];
  const add = (labels: string[], type: TagType, splitLists: boolean) => {
    for (const raw of labels) {
      // "Dresden, Germany" is two places; a person's name never contains a comma.
      for (const part of splitLists ? raw.split(',') : [raw]) {
        const label = cleanEntityLabel(part);
        if (usable(label) && CAPITALISED.test(part.trim())) {
          found.push(tag(label, type));
        }
      }
    }
  };
  add(doc.people().out('array') as string[], 'PER', true);
  add(doc.organizations().out('array') as string[], 'ORG', false);
  add(text.match(ORGANISATION) ?? [], 'ORG', false);
  add(doc.places().out('array') as string[], 'LOC', true);
  return found;
};

const measuresFromWink = (text: string): ExtractedTag[] => {
  const doc = readWinkDocument(text);
  const details = doc.entities().out(wink().its.detail) as unknown as {
    value: string;
    type: string;
  }[];
  const fromWink = details.flatMap(({ value, type }) => {
    const mapped = WINK_TYPES[type];
    const label = value.replace(/\s+/g, ' ').trim();
    return mapped && usable(label) ? [tag(label, mapped)] : [];
  });
  const withCurrencyCode = (text.match(CURRENCY_CODE_MONEY) ?? []).map((label) =>
    tag(label, 'MONEY')
  );
  return [...fromWink, ...withCurrencyCode];
};

/** A name tagged both PER and ORG (or LOC) keeps the type with the higher prior only once. */
const dropCrossTypeDuplicates = (tags: ExtractedTag[]): ExtractedTag[] => {
  const seen = new Set<string>();
  return tags.filter((candidate) => {
    const key = candidate.label.toLowerCase();
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
};

export const OFFLINE_MEASURES_NAME = 'offline-measures';

/**
 * Dates, money, percentages and quantities only (wink-nlp's patterns), beside a model that finds
 * names; wink's parse of the text is shared with the keyword terms, so this costs little.
 */
export const createMeasureExtractor = (): TagExtractor => ({
  name: OFFLINE_MEASURES_NAME,
  version: OFFLINE_NER_VERSION,
  async extract(text: string): Promise<ExtractedTag[]> {
    return text.trim().length === 0
      ? []
      : mergeEntities(measuresFromWink(text)).map((found) => ({
          ...found,
          source: OFFLINE_MEASURES_NAME,
        }));
  },
});

/** Bundled, offline entity extraction: compromise for names, wink-nlp for dates and amounts. */
export const createOfflineNer = (): TagExtractor => ({
  name: OFFLINE_NER_NAME,
  version: OFFLINE_NER_VERSION,
  async extract(text: string): Promise<ExtractedTag[]> {
    if (text.trim().length === 0) {
      return [];
    }
    const names = mergeEntities(namesFromCompromise(text));
    const measures = mergeEntities(measuresFromWink(text));
    return dropCrossTypeDuplicates(
      [...names, ...measures].sort((a, b) => b.confidence - a.confidence)
    );
  },
});
