import { attributeLists } from '../../../../src/plugins/personalization/server/src/core/recommendations';

const ARTICLE = 'api::article.article';
const issued = new Map([['rec-00000000000000aa', { uid: ARTICLE, items: new Set(['a', 'b']) }]]);
const entry = (documentId: string, uid = ARTICLE) => ({ uid, documentId });

describe('attributeLists', () => {
  it('credits an issued list for an entry it held, and nothing for events without a list', () => {
    expect(
      attributeLists(
        [{ list: 'rec-00000000000000aa', entry: entry('b') }, { entry: entry('a') }],
        issued
      )
    ).toEqual([{ list: 'rec-00000000000000aa' }, null]);
  });

  it('refuses a list that was never issued', () => {
    expect(attributeLists([{ list: 'rec-00000000000000ff', entry: entry('a') }], issued)).toEqual([
      { rejected: 'not-issued' },
    ]);
  });

  it('refuses an issued list for an entry or a type it did not hold', () => {
    expect(
      attributeLists(
        [
          { list: 'rec-00000000000000aa', entry: entry('c') },
          { list: 'rec-00000000000000aa', entry: entry('a', 'api::promotion.promotion') },
        ],
        issued
      )
    ).toEqual([{ rejected: 'not-in-list' }, { rejected: 'not-in-list' }]);
  });
});
