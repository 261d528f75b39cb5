import {
  createReadRevisions,
  deepFreeze,
  isCurrent,
} from '../../../../src/plugins/personalization/server/src/core/response-cache';

describe('the revisions behind one answer', () => {
  const revisions = new Map<string, number>();
  const revisionOf = (uid: string) => revisions.get(uid) ?? 0;

  beforeEach(() => {
    revisions.clear();
    revisions.set('api::article.article', 4);
    revisions.set('api::promotion.promotion', 9);
  });

  it('keeps an answer whose reads each saw one revision of tracked types', () => {
    const reads = createReadRevisions(revisionOf);
    reads.note(['api::article.article', 'api::promotion.promotion']);
    reads.note(['api::article.article']);
    const snapshot = reads.snapshot();
    expect(snapshot).toEqual([
      ['api::article.article', 4],
      ['api::promotion.promotion', 9],
    ]);
    expect(isCurrent(snapshot ?? [], revisionOf)).toBe(true);
    revisions.set('api::promotion.promotion', 10);
    expect(isCurrent(snapshot ?? [], revisionOf)).toBe(false);
  });

  it('refuses an answer whose list and count saw two states of a type', () => {
    const reads = createReadRevisions(revisionOf);
    reads.note(['api::article.article']);
    revisions.set('api::article.article', 5);
    reads.note(['api::article.article']);
    expect(reads.snapshot()).toBeNull();
  });

  it('refuses an answer that read an untracked type, and one that read nothing', () => {
    const untracked = createReadRevisions(revisionOf);
    untracked.note(null);
    expect(untracked.snapshot()).toBeNull();
    const none = createReadRevisions(revisionOf);
    expect(none.snapshot()).toBeNull();
  });
});

describe('deepFreeze', () => {
  it('freezes nested objects and arrays so a shared answer cannot be changed in place', () => {
    const answer = deepFreeze({ data: [{ title: 'A', blocks: [{ text: 'x' }] }], meta: {} });
    expect(Object.isFrozen(answer.data[0].blocks[0])).toBe(true);
    expect(() => {
      (answer.data[0] as { title: string }).title = 'B';
    }).toThrow(TypeError);
    expect(answer.data[0].title).toBe('A');
  });
});
