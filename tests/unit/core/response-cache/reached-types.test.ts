import {
  hashKey,
  reachedTypes,
  stableStringify,
  type AttributeInfo,
} from '../../../../src/plugins/personalization/server/src/core/response-cache';

const SCHEMAS: Record<string, Record<string, AttributeInfo>> = {
  'api::article.article': {
    title: { type: 'string' },
    author: { type: 'relation', target: 'api::author.author' },
    cover: { type: 'media' },
    seo: { type: 'component', component: 'shared.seo' },
    blocks: { type: 'dynamiczone', components: ['blocks.quote'] },
    variantOf: { type: 'relation', target: 'api::article.article', private: true },
    createdBy: { type: 'relation', target: 'admin::user' },
  },
  'api::author.author': {
    name: { type: 'string' },
    team: { type: 'relation', target: 'api::team.team' },
    avatar: { type: 'media' },
  },
  'api::team.team': { name: { type: 'string' } },
  'shared.seo': { image: { type: 'media' }, title: { type: 'string' } },
  'blocks.quote': { by: { type: 'relation', target: 'api::author.author' } },
};
const schemaOf = (uid: string) => SCHEMAS[uid];
const ARTICLE = 'api::article.article';

describe('reachedTypes', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['no populate, filters or sort', { fields: ['title'] }, [ARTICLE]],
    ['a scalar filter', { filters: { title: { $eq: 'x' } } }, [ARTICLE]],
    ['populate as a string', { populate: 'author' }, ['api::author.author', ARTICLE]],
    [
      'a nested dotted populate',
      { populate: 'author.team' },
      ['api::author.author', ARTICLE, 'api::team.team'],
    ],
    [
      'populate as an object with nested populate',
      { populate: { author: { populate: { team: true } } } },
      ['api::author.author', ARTICLE, 'api::team.team'],
    ],
    [
      'populate as an array',
      { populate: ['author', 'cover'] },
      ['api::author.author', ARTICLE, 'plugin::upload.file'],
    ],
    [
      'populate * (one level, hidden and private attributes skipped)',
      { populate: '*' },
      ['api::author.author', ARTICLE, 'plugin::upload.file'],
    ],
    [
      'a component reaching media',
      { populate: { seo: { populate: ['image'] } } },
      [ARTICLE, 'plugin::upload.file'],
    ],
    [
      'a dynamic zone fragment',
      { populate: { blocks: { on: { 'blocks.quote': { populate: { by: true } } } } } },
      ['api::author.author', ARTICLE],
    ],
    [
      'a relation filter under $and and $or',
      { filters: { $and: [{ $or: [{ author: { team: { name: 'x' } } }] }] } },
      ['api::author.author', ARTICLE, 'api::team.team'],
    ],
    ['a sort through a relation', { sort: 'author.name:asc' }, ['api::author.author', ARTICLE]],
    ['a sort object', { sort: [{ author: { name: 'asc' } }] }, ['api::author.author', ARTICLE]],
    ['a scalar sort', { sort: ['title:desc'] }, [ARTICLE]],
    ['the private variant relation', { populate: 'variantOf' }, [ARTICLE]],
  ])('%s', (_name, params, expected) => {
    // Sorted, so that equal queries give equal keys.
    expect(reachedTypes(ARTICLE, params, schemaOf)).toEqual([...expected].sort());
  });
});

describe('stable keys', () => {
  it('ignore the order of object keys and undefined values, not the order of arrays', () => {
    expect(stableStringify({ b: 1, a: { d: [2, 1], c: undefined } })).toBe(
      stableStringify({ a: { d: [2, 1] }, b: 1 })
    );
    expect(hashKey({ a: [1, 2] })).not.toBe(hashKey({ a: [2, 1] }));
    expect(hashKey({ status: 'draft' })).not.toBe(hashKey({ status: 'published' }));
  });
});
