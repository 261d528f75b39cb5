import type { Core } from '@strapi/strapi';
import {
  registerTaggingTrigger,
  savedEntries,
} from '../../../src/plugins/personalization/server/src/services/tagging/trigger';

type Middleware = (
  context: { uid: string; action: string; params: Record<string, unknown> },
  next: () => Promise<unknown>
) => Promise<unknown>;

/** A stand-in for the few parts of Strapi the trigger touches. */
const fakeStrapi = (enqueue: jest.Mock) => {
  let middleware: Middleware | null = null;
  const errors: string[] = [];
  const services: Record<string, unknown> = {
    optIns: {
      get: (uid: string) =>
        uid === 'api::article.article' ? { tagging: { fields: ['title'] } } : undefined,
    },
    taggingQueue: { enqueueEntry: enqueue },
    taggingWorker: { kick: jest.fn() },
    taggingStore: { remove: jest.fn().mockResolvedValue(0) },
  };
  const strapi = {
    documents: { use: (fn: Middleware) => (middleware = fn) },
    config: { get: () => ({ tagging: { enabled: true } }) },
    plugin: () => ({ service: (name: string) => services[name] }),
    db: {
      // Outside any transaction, Strapi runs commit callbacks right after the (empty) transaction.
      transaction: async (fn: (trx: { onCommit: (cb: () => void) => void }) => void) => {
        const callbacks: (() => void)[] = [];
        fn({ onCommit: (cb) => callbacks.push(cb) });
        callbacks.forEach((cb) => cb());
      },
    },
    log: { error: (message: string) => errors.push(message) },
  } as unknown as Core.Strapi;
  registerTaggingTrigger(strapi);
  return { run: middleware as unknown as Middleware, errors };
};

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('the tag-on-save document middleware', () => {
  it('reads the saved entries of create/update results and of publish results', () => {
    expect(savedEntries({ documentId: 'a', locale: 'en' }, {})).toEqual([
      { documentId: 'a', locale: 'en' },
    ]);
    expect(
      savedEntries(
        { documentId: 'a', entries: [{ locale: 'en' }, { locale: 'fr' }, { locale: 'fr' }] },
        { locale: '*' }
      )
    ).toEqual([
      { documentId: 'a', locale: 'en' },
      { documentId: 'a', locale: 'fr' },
    ]);
    expect(savedEntries(null, { documentId: 'b' })).toEqual([{ documentId: 'b', locale: null }]);
    expect(savedEntries(null, {})).toEqual([]);
  });

  it('calls next once, returns its result, and enqueues after the save', async () => {
    const enqueue = jest.fn().mockResolvedValue({});
    const { run } = fakeStrapi(enqueue);
    const next = jest.fn().mockResolvedValue({ documentId: 'doc1', locale: null });
    const result = await run({ uid: 'api::article.article', action: 'update', params: {} }, next);
    await flush();
    expect(next).toHaveBeenCalledTimes(1);
    expect(result).toEqual({ documentId: 'doc1', locale: null });
    expect(enqueue).toHaveBeenCalledWith('api::article.article', 'doc1', null);
  });

  it('only logs when enqueueing fails: the save still returns its result', async () => {
    const enqueue = jest.fn().mockRejectedValue(new Error('jobs table is gone'));
    const { run, errors } = fakeStrapi(enqueue);
    const next = jest.fn().mockResolvedValue({ documentId: 'doc2' });
    await expect(
      run({ uid: 'api::article.article', action: 'create', params: {} }, next)
    ).resolves.toEqual({
      documentId: 'doc2',
    });
    await flush();
    expect(errors.join('\n')).toMatch(
      /could not enqueue tagging for api::article.article.*jobs table is gone/
    );
  });

  it.each([
    ['a type that does not opt in', 'api::other.other', 'create'],
    ['a read', 'api::article.article', 'findMany'],
  ])('leaves %s alone', async (_label, uid, action) => {
    const enqueue = jest.fn();
    const { run } = fakeStrapi(enqueue);
    const next = jest.fn().mockResolvedValue({ documentId: 'x' });
    await run({ uid, action, params: {} }, next);
    await flush();
    expect(next).toHaveBeenCalledTimes(1);
    expect(enqueue).not.toHaveBeenCalled();
  });
});
