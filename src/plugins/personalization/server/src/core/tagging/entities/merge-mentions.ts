import { cleanEntityLabel, labelKey } from './clean-label';

/** One mention of an entity in a document, as a model found it. */
export interface Mention {
  label: string;
  type: string;
  /** The model's probability for the mention's type. */
  score: number;
  /** Found in a title-case headline line, where every word is capitalised. */
  inHeadline: boolean;
}

/** One entity of a document: all its mentions merged, with the best type. */
export interface MergedEntity {
  label: string;
  type: string;
  /** Highest mention score for the chosen type (before calibration). */
  score: number;
  mentions: number;
}

/** "Apple Inc." is Apple: legal-form suffixes are not part of the name editors want. */
const LEGAL_SUFFIX = /[\s,]+(inc|corp|corporation|ltd|llc|plc|co|gmbh|ag|sa|nv|bv|s\.a|n\.v)\.?$/i;

const canonical = (label: string, type: string): string => {
  const clean = cleanEntityLabel(label);
  if (type !== 'ORG') {
    return clean;
  }
  const stripped = clean.replace(LEGAL_SUFFIX, '');
  return stripped.length >= 2 ? stripped : clean;
};

const words = (label: string): string[] => labelKey(label).split(' ').filter(Boolean);

/** "Cook" is the end of "Tim Cook", "Northwind" the start of "Northwind Bank". */
const isShortForm = (short: string, long: string): boolean => {
  const shortWords = words(short);
  const longWords = words(long);
  if (shortWords.length === 0 || shortWords.length >= longWords.length) {
    return false;
  }
  const target = shortWords.join(' ');
  return (
    longWords.slice(0, shortWords.length).join(' ') === target ||
    longWords.slice(longWords.length - shortWords.length).join(' ') === target
  );
};

interface Group {
  label: string;
  scores: Map<string, number[]>;
}

const bestType = (group: Group): { type: string; score: number } => {
  let best = { type: '', total: -1, score: 0 };
  for (const [type, scores] of group.scores) {
    const total = scores.reduce((sum, score) => sum + score, 0);
    if (total > best.total) {
      best = { type, total, score: Math.max(...scores) };
    }
  }
  return { type: best.type, score: best.score };
};

/**
 * One entity per name within a document: mentions with the same label (any casing, legal suffix
 * dropped) are one entity, a short form joins the longer person or organisation name it ends or
 * starts ("Cook" → "Tim Cook"), and the type with the most probability over all mentions wins.
 * Names seen only in title-case headlines are dropped when the document has other text: in a
 * headline every word is capitalised, so capitals say nothing there.
 */
export interface MergeOptions {
  /**
   * Off: every distinct name and type stays its own entity, as CoNLL's gold entity sets count
   * them ("Bitar" beside "Salem Bitar", "Leicestershire" the county and the cricket club).
   */
  joinShortForms: boolean;
}

export const mergeMentions = (
  mentions: readonly Mention[],
  documentHasBody: boolean,
  options: MergeOptions = { joinShortForms: true }
): MergedEntity[] => {
  const keyOf = (mention: Mention): string => {
    const label = options.joinShortForms
      ? canonical(mention.label, mention.type)
      : cleanEntityLabel(mention.label);
    return labelKey(label);
  };
  // Before any merging, so a body's "FC Lindholm" cannot vouch for the headline's
  // "FC Lindholm Secures".
  const bodyKeys = new Set(mentions.filter((m) => !m.inHeadline).map(keyOf));
  const trusted = documentHasBody
    ? mentions.filter((mention) => !mention.inHeadline || bodyKeys.has(keyOf(mention)))
    : mentions;
  const groups = new Map<string, Group>();
  for (const mention of trusted) {
    const label = options.joinShortForms
      ? canonical(mention.label, mention.type)
      : cleanEntityLabel(mention.label);
    if (label.length < 2) {
      continue;
    }
    const key = options.joinShortForms ? labelKey(label) : `${mention.type}:${labelKey(label)}`;
    const group = groups.get(key) ?? { label, scores: new Map() };
    group.scores.set(mention.type, [...(group.scores.get(mention.type) ?? []), mention.score]);
    groups.set(key, group);
  }
  const ordered = [...groups.values()].sort(
    (a, b) => words(b.label).length - words(a.label).length
  );
  const kept: Group[] = [];
  for (const group of ordered) {
    const longer = kept.find(
      (candidate) =>
        options.joinShortForms &&
        ['PER', 'ORG'].includes(bestType(candidate).type) &&
        isShortForm(group.label, candidate.label)
    );
    if (longer) {
      for (const [type, scores] of group.scores) {
        longer.scores.set(type, [...(longer.scores.get(type) ?? []), ...scores]);
      }
    } else {
      kept.push(group);
    }
  }
  return kept.map((group) => {
    const { type, score } = bestType(group);
    const mentionCount = [...group.scores.values()].reduce((n, scores) => n + scores.length, 0);
    return { label: group.label, type, score, mentions: mentionCount };
  });
};
