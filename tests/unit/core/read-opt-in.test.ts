import {
  OptInError,
  readOptIn,
  readOptIns,
  type ContentTypeShape,
} from '../../../src/plugins/personalization/server/src/core/opt-in';

const article = (personalization?: unknown): ContentTypeShape => ({
  uid: 'api::article.article',
  attributes: {
    title: { type: 'string' },
    summary: { type: 'text' },
    body: { type: 'blocks' },
    notes: { type: 'richtext' },
    category: { type: 'enumeration' },
    views: { type: 'integer' },
  },
  pluginOptions: personalization === undefined ? {} : { personalization },
});

describe('readOptIn', () => {
  it.each([
    ['no pluginOptions at all', { ...article(), pluginOptions: undefined }, null],
    ['pluginOptions without personalization', article(), null],
    [
      'variants only',
      article({ variants: true }),
      { tagging: null, variants: true, liquidFields: [] },
    ],
    ['an empty opt-in', article({}), { tagging: null, variants: false, liquidFields: [] }],
    [
      'tagging of every text attribute type',
      article({ tagging: { fields: ['title', 'summary', 'body', 'notes'] } }),
      {
        tagging: { fields: ['title', 'summary', 'body', 'notes'] },
        variants: false,
        liquidFields: [],
      },
    ],
  ])('%s', (_label, contentType, expected) => {
    const result = readOptIn(contentType);
    expect(result.problems).toEqual([]);
    expect(result.optIn).toEqual(expected && { uid: 'api::article.article', ...expected });
  });

  it.each([
    [
      'a missing field',
      { tagging: { fields: ['headline'] } },
      /"headline", which is not an attribute of api::article\.article \(text attributes: title, summary, body, notes\)/,
    ],
    [
      'a non-text field',
      { tagging: { fields: ['views'] } },
      /"views" of type "integer"; only string, text, richtext, blocks/,
    ],
    [
      'an empty field list',
      { tagging: { fields: [] } },
      /tagging\.fields: must list at least one field/,
    ],
    ['fields that are not strings', { tagging: { fields: [42] } }, /tagging\.fields\.0/],
    [
      'a duplicated field',
      { tagging: { fields: ['title', 'title'] } },
      /lists a field more than once/,
    ],
    ['variants as a string', { variants: 'yes' }, /variants/],
    ['an unknown key', { varients: true }, /varients/],
    ['an unknown tagging key', { tagging: { fields: ['title'], model: 'x' } }, /model/],
    ['a non-object opt-in', 'on', /pluginOptions\.personalization/],
  ])('rejects %s with a message naming the type', (_label, personalization, message) => {
    const result = readOptIn(article(personalization));
    expect(result.optIn).toBeNull();
    expect(result.problems.join('\n')).toMatch(message);
    expect(result.problems.every((problem) => problem.startsWith('api::article.article: '))).toBe(
      true
    );
  });
});

describe('Liquid merge fields', () => {
  const withLiquid = (attribute: string, liquid: unknown, typeOptsIn = true): ContentTypeShape => {
    const contentType = article(typeOptsIn ? {} : undefined);
    contentType.attributes[attribute] = {
      ...contentType.attributes[attribute],
      pluginOptions: { personalization: { liquid } },
    };
    return contentType;
  };

  it('lists string and text attributes marked liquid', () => {
    const contentType = withLiquid('title', true);
    contentType.attributes.summary = {
      type: 'text',
      pluginOptions: { personalization: { liquid: true } },
    };
    expect(readOptIn(contentType).optIn?.liquidFields).toEqual(['title', 'summary']);
  });

  it.each([
    [
      'a blocks attribute',
      withLiquid('body', true),
      /attributes\.body\.pluginOptions\.personalization\.liquid: only string and text/,
    ],
    [
      'a non-boolean flag',
      withLiquid('title', 'yes'),
      /attributes\.title\.pluginOptions\.personalization\.liquid/,
    ],
    ['a type that does not opt in', withLiquid('title', true, false), /need the type to opt in/],
  ])('rejects %s', (_label, contentType, message) => {
    expect(readOptIn(contentType).problems.join('\n')).toMatch(message);
  });
});

describe('readOptIns', () => {
  const promotion: ContentTypeShape = {
    uid: 'api::promotion.promotion',
    attributes: { title: { type: 'string' } },
    pluginOptions: { personalization: { variants: true } },
  };

  it('returns the opted-in types sorted by uid and skips the others', () => {
    const plain: ContentTypeShape = { uid: 'api::page.page', attributes: {} };
    const optIns = readOptIns([promotion, plain, article({ tagging: { fields: ['title'] } })]);
    expect(optIns.map((optIn) => optIn.uid)).toEqual([
      'api::article.article',
      'api::promotion.promotion',
    ]);
  });

  it('throws one OptInError listing the problems of every type', () => {
    const brokenPromotion = {
      ...promotion,
      pluginOptions: { personalization: { tagging: { fields: ['cta'] } } },
    };
    const run = () => readOptIns([article({ tagging: { fields: ['headline'] } }), brokenPromotion]);
    expect(run).toThrow(OptInError);
    try {
      run();
    } catch (error) {
      expect((error as OptInError).problems).toHaveLength(2);
      expect((error as OptInError).message).toMatch(
        /headline[\s\S]*api::promotion\.promotion[\s\S]*"cta"/
      );
    }
  });
});
