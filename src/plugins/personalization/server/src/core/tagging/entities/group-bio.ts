import type { TagType } from '../types';

/** One token as transformers.js token-classification returns it. */
export interface TokenPrediction {
  entity: string;
  score: number;
  index: number;
  word: string;
}

export interface GroupedEntity {
  label: string;
  type: TagType;
  /** Mean of the token scores. */
  score: number;
}

const KNOWN_TYPES: Record<string, TagType> = {
  PER: 'PER',
  PERSON: 'PER',
  ORG: 'ORG',
  LOC: 'LOC',
  GPE: 'LOC',
  MISC: 'MISC',
  DATE: 'DATE',
  MONEY: 'MONEY',
  PERCENT: 'PERCENT',
  QUANTITY: 'QUANTITY',
};

const split = (entity: string): { prefix: string; type: TagType | null } => {
  const match = /^([BIES])-(.+)$/.exec(entity);
  const prefix = match ? match[1] : 'B';
  const name = match ? match[2] : entity;
  return { prefix, type: KNOWN_TYPES[name.toUpperCase()] ?? null };
};

/**
 * Joins B-/I- token predictions into entities (transformers.js returns tokens, not spans):
 * an I- token continues the previous entity of the same type when it is the next token;
 * WordPiece continuations ("##s") attach without a space.
 */
export const groupBio = (tokens: readonly TokenPrediction[]): GroupedEntity[] => {
  const groups: { words: string[]; type: TagType; scores: number[]; lastIndex: number }[] = [];
  for (const token of [...tokens].sort((a, b) => a.index - b.index)) {
    const { prefix, type } = split(token.entity);
    if (!type) {
      continue;
    }
    const current = groups[groups.length - 1];
    const continues =
      current !== undefined &&
      current.type === type &&
      current.lastIndex === token.index - 1 &&
      (prefix === 'I' || prefix === 'E' || token.word.startsWith('##'));
    if (continues) {
      current.words.push(token.word);
      current.scores.push(token.score);
      current.lastIndex = token.index;
    } else {
      groups.push({ words: [token.word], type, scores: [token.score], lastIndex: token.index });
    }
  }
  return groups.map(({ words, type, scores }) => ({
    label: words.reduce(
      (text, word) =>
        word.startsWith('##') ? text + word.slice(2) : text ? `${text} ${word}` : word,
      ''
    ),
    type,
    score: scores.reduce((sum, score) => sum + score, 0) / scores.length,
  }));
};
