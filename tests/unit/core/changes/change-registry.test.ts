import {
  createChangeRegistry,
  type ChangeKind,
  type ChangeNotice,
} from '../../../../src/plugins/personalization/server/src/core/changes/change-registry';

const setup = () => {
  const published: ChangeNotice[] = [];
  const failures: Array<{ kind: ChangeKind; message: string }> = [];
  let cleared = 0;
  const registry = createChangeRegistry({
    instanceId: 'me',
    clearDecisions: () => {
      cleared += 1;
    },
    publish: (notice) => published.push(notice),
    reloadFailed: (kind, error) => failures.push({ kind, message: (error as Error).message }),
  });
  const reloads: string[] = [];
  const track = (name: string) => (uid?: string) => {
    reloads.push(uid ? `${name}:${uid}` : name);
  };
  return { registry, published, failures, reloads, track, cleared: () => cleared };
};

const notice = (fields: Record<string, unknown>) => JSON.stringify(fields);

describe('change registry (the change channel without Redis)', () => {
  it('reloads exactly the snapshots registered for the kind, once, then clears and announces', async () => {
    const { registry, published, reloads, track, cleared } = setup();
    registry.register({ kind: 'rules', reload: track('rules') });
    registry.register({ kind: 'templates', reload: track('templates') });
    registry.register({ kind: 'segments', reload: track('segments') });
    registry.register({ kind: 'segments', reload: track('audience') });

    await registry.changed('rules');
    expect(reloads).toEqual(['rules']);
    expect(cleared()).toBe(1);
    expect(published).toEqual([{ kind: 'rules', from: 'me' }]);

    await registry.changed('segments');
    expect(reloads).toEqual(['rules', 'segments', 'audience']);
    expect(published).toHaveLength(2);
  });

  it('announces content with its type, reloading nothing here and keeping cached decisions', async () => {
    const { registry, published, reloads, track, cleared } = setup();
    registry.register({ kind: 'content', reload: track('content'), remoteOnly: true });

    await registry.changed('content', 'api::article.article');
    expect(reloads).toEqual([]);
    expect(cleared()).toBe(0);
    expect(published).toEqual([{ kind: 'content', uid: 'api::article.article', from: 'me' }]);
  });

  it('runs the reloads of a notice from another instance, never of its own', async () => {
    const { registry, published, reloads, track, cleared } = setup();
    registry.register({ kind: 'flags', reload: track('flags') });
    registry.register({ kind: 'content', reload: track('content'), remoteOnly: true });

    await registry.received(notice({ kind: 'flags', from: 'me' }));
    expect(reloads).toEqual([]);
    expect(cleared()).toBe(0);

    await registry.received(notice({ kind: 'flags', from: 'other' }));
    expect(reloads).toEqual(['flags']);
    expect(cleared()).toBe(1);

    await registry.received(notice({ kind: 'content', uid: 'api::a.a', from: 'other' }));
    expect(reloads).toEqual(['flags', 'content:api::a.a']);
    expect(cleared()).toBe(1);
    // Receiving never announces: only local writes do.
    expect(published).toEqual([]);
  });

  it('ignores unreadable notices and unknown kinds', async () => {
    const { registry, reloads, track, cleared } = setup();
    registry.register({ kind: 'rules', reload: track('rules') });
    for (const message of ['not json', 'null', notice({ kind: 'bogus', from: 'x' }), '{}']) {
      await registry.received(message);
    }
    expect(reloads).toEqual([]);
    expect(cleared()).toBe(0);
  });

  it('keeps applying a notice when one of its reloads fails, and reports the failure', async () => {
    const { registry, failures, reloads, track } = setup();
    registry.register({
      kind: 'segments',
      reload: () => {
        throw new Error('database gone');
      },
    });
    registry.register({ kind: 'segments', reload: track('audience') });

    await registry.received(notice({ kind: 'segments', from: 'other' }));
    expect(reloads).toEqual(['audience']);
    expect(failures).toEqual([{ kind: 'segments', message: 'database gone' }]);
  });

  it('lets a failed local reload reach the writer, before anything is announced', async () => {
    const { registry, published } = setup();
    registry.register({
      kind: 'rules',
      reload: async () => {
        throw new Error('bad row');
      },
    });
    await expect(registry.changed('rules')).rejects.toThrow('bad row');
    expect(published).toEqual([]);
  });

  it('reads every snapshot again after a reconnect, resync first where one is given', async () => {
    const { registry, reloads, track, cleared } = setup();
    registry.register({ kind: 'templates', reload: track('templates') });
    registry.register({ kind: 'rules', reload: track('rules') });
    registry.register({
      kind: 'content',
      remoteOnly: true,
      reload: track('content'),
      resync: () => {
        reloads.push('content tokens');
      },
    });

    await registry.resync();
    expect(reloads).toEqual(['templates', 'rules', 'content tokens']);
    expect(cleared()).toBe(1);
  });

  it('loads every local snapshot once at boot, in registration order', async () => {
    const { registry, reloads, track, published } = setup();
    registry.register({ kind: 'segments', reload: track('segments') });
    registry.register({ kind: 'segments', reload: track('audience') });
    registry.register({ kind: 'content', remoteOnly: true, reload: track('content') });

    await registry.loadAll();
    expect(reloads).toEqual(['segments', 'audience']);
    expect(published).toEqual([]);
  });
});
