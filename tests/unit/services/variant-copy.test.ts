import { variantDraftData } from '../../../src/plugins/personalization/server/src/controllers/variant-copy';

const attributes = {
  title: { type: 'string' },
  slug: { type: 'uid' },
  code: { type: 'string', unique: true },
  body: { type: 'blocks' },
  views: { type: 'integer' },
  cover: { type: 'media' },
  author: { type: 'relation' },
  seo: { type: 'component' },
  variantKey: { type: 'string' },
  variantOf: { type: 'relation' },
};

describe('variantDraftData', () => {
  const base = {
    id: 7,
    documentId: 'base1',
    title: 'Chips in Dresden',
    slug: 'chips-in-dresden',
    code: 'A-1',
    body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Hello' }] }],
    views: 0,
    cover: { id: 3 },
    author: { id: 4 },
    seo: { id: 5 },
    variantKey: null,
    summary: null,
  };

  it.each([
    ['copies text fields', 'title', 'Chips in Dresden'],
    ['copies blocks', 'body', base.body],
    ['copies numbers, zero included', 'views', 0],
    ['suffixes uid fields with the key', 'slug', 'chips-in-dresden-premium'],
    ['suffixes unique fields with the key', 'code', 'A-1-premium'],
  ])('%s', (_, field, expected) => {
    expect(variantDraftData(base, attributes, 'premium')[field]).toEqual(expected);
  });

  it('leaves out relations, media, components, the variant fields, ids and unknown keys', () => {
    expect(Object.keys(variantDraftData(base, attributes, 'premium')).sort()).toEqual([
      'body',
      'code',
      'slug',
      'title',
      'views',
    ]);
  });
});
