import type { Core } from '@strapi/strapi';
import createTagsService from '../../../src/plugins/personalization/server/src/services/tagging/tags';

const fakeStrapi = (many: jest.Mock) => {
  const errors: string[] = [];
  const strapi = {
    plugin: () => ({ service: () => ({ many }) }),
    log: { error: (message: string) => errors.push(message) },
  } as unknown as Core.Strapi;
  return { tags: createTagsService({ strapi }), errors };
};

describe('tags.forEntries (what content delivery calls)', () => {
  it('returns the visible tags per documentId, decisions applied', async () => {
    const many = jest.fn().mockResolvedValue([
      {
        documentId: 'a',
        extracted: [
          {
            label: 'Berlin',
            type: 'LOC',
            confidence: 0.7,
            source: 'offline-ner',
            sourceVersion: '1',
          },
        ],
        decisions: { 'LOC:berlin': { status: 'rejected' } },
      },
    ]);
    const { tags } = fakeStrapi(many);
    await expect(tags.forEntries('api::article.article', ['a', 'b'], null)).resolves.toEqual({
      a: [expect.objectContaining({ label: 'Berlin', status: 'rejected' })],
    });
    expect(many).toHaveBeenCalledWith('api::article.article', ['a', 'b'], null);
  });

  it('fails open: a storage error is logged and answered with no tags', async () => {
    const { tags, errors } = fakeStrapi(jest.fn().mockRejectedValue(new Error('database is down')));
    await expect(tags.forEntries('api::article.article', ['a'], null)).resolves.toEqual({});
    expect(errors.join()).toMatch(/could not read tags of api::article.article.*database is down/);
  });
});
