import { sandboxWith, source } from './helpers';

const render = (
  body: string,
  scope: object = {},
  globals: object = {},
  partials = [] as ReturnType<typeof source>[]
) => {
  const { sandbox } = sandboxWith(partials);
  return sandbox.render(sandbox.parse(body), scope, globals);
};

describe('sandbox rendering', () => {
  it.each([
    ['plain output is the variant key', 'premium', {}, 'premium'],
    ['whitespace-only output is base content', '   \n ', {}, null],
    ['the variant tag wins over output', 'text{% variant "b" %}', {}, 'b'],
    ['the last variant tag run wins', '{% variant "a" %}{% variant "b" %}', {}, 'b'],
    [
      'the variant tag takes expressions',
      '{% variant params.key %}',
      { params: { key: 'gold' } },
      'gold',
    ],
    ['an empty variant means base', '{% variant "" %}', {}, null],
  ])('%s', (_label, body, scope, expected) => {
    const outcome = render(body, scope);
    expect(outcome.ok && outcome.variant).toBe(expected);
  });

  it('has_tag matches entry tag labels case-insensitively', () => {
    const outcome = render(
      '{% if entry | has_tag: "berlin" %}local{% endif %}',
      {},
      { entry: { tags: ['Berlin'] } }
    );
    expect(outcome.ok && outcome.variant).toBe('local');
  });

  it('in_segment matches the caller segments', () => {
    const body = '{% if segments | in_segment: "vip" %}vip{% else %}none{% endif %}';
    expect(render(body, {}, { segments: ['vip'] })).toMatchObject({ ok: true, variant: 'vip' });
    expect(render(body, {}, { segments: [] })).toMatchObject({ ok: true, variant: 'none' });
  });

  it('a variant chosen inside a partial is the output', () => {
    const partial = source('pick', '{% variant tier %}', [{ name: 'tier', type: 'string' }]);
    const outcome = render("{% render 'pick', tier: 'gold' %}", {}, {}, [partial]);
    expect(outcome).toMatchObject({ ok: true, variant: 'gold' });
  });

  it('partials see the globals (user, entry…) but not the caller scope', () => {
    const partial = source('who', '{{ user.id }}-{{ secret }}');
    const outcome = render("{% render 'who' %}", { secret: 'x' }, { user: { id: 'u1' } }, [
      partial,
    ]);
    expect(outcome).toMatchObject({ ok: true, output: 'u1-' });
  });

  it('counts compiled-template cache hits by name and version', () => {
    const { sandbox } = sandboxWith();
    const v1 = source('t', 'a', [], 1);
    sandbox.compiled(v1);
    sandbox.compiled(v1);
    sandbox.compiled({ ...v1, version: 2, body: 'b' });
    expect(sandbox.cacheStats()).toEqual({ hits: 1, misses: 2, size: 2 });
  });
});
