/** One document of a CoNLL-2003 file: its tokens by sentence and its gold entities. */
export interface ConllDocument {
  sentences: string[][];
  entities: { label: string; type: string }[];
}

/**
 * Reads CoNLL-2003 ("token POS chunk NER" per line, blank line between sentences,
 * -DOCSTART- between documents). Accepts IOB1 (the original files) and IOB2 tags.
 */
export const parseConll = (content: string): ConllDocument[] => {
  const documents: ConllDocument[] = [];
  let current: ConllDocument = { sentences: [], entities: [] };
  let sentence: string[] = [];
  let entity: { words: string[]; type: string } | null = null;

  const closeEntity = () => {
    if (entity) {
      current.entities.push({ label: entity.words.join(' '), type: entity.type });
      entity = null;
    }
  };
  const closeSentence = () => {
    closeEntity();
    if (sentence.length > 0) {
      current.sentences.push(sentence);
      sentence = [];
    }
  };
  const closeDocument = () => {
    closeSentence();
    if (current.sentences.length > 0) {
      documents.push(current);
    }
    current = { sentences: [], entities: [] };
  };

  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('-DOCSTART-')) {
      closeDocument();
      continue;
    }
    if (line.length === 0) {
      closeSentence();
      continue;
    }
    const columns = line.split(/\s+/);
    const token = columns[0];
    const tag = columns[columns.length - 1];
    sentence.push(token);
    const match = /^([BI])-(\w+)$/.exec(tag);
    if (!match) {
      closeEntity();
      continue;
    }
    const [, prefix, type] = match;
    const open = entity as { words: string[]; type: string } | null;
    if (open && open.type === type && prefix === 'I') {
      open.words.push(token);
    } else {
      closeEntity();
      entity = { words: [token], type };
    }
  }
  closeDocument();
  return documents;
};

/** The document's text as a tagger sees it: tokens joined by spaces, one sentence per line. */
export const conllText = (document: ConllDocument): string =>
  document.sentences
    .map((tokens) =>
      tokens
        .join(' ')
        .replace(/ ([,.;:!?)'](?:s\b)?)/g, '$1')
        .replace(/\( /g, '(')
    )
    .join('\n');
