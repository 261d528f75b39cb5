import {
  checkTemplate,
  createRenderBudget,
  createTemplateLibrary,
  createSandbox,
  DEFAULT_SANDBOX_LIMITS,
  type TemplateSource,
} from '../../../../src/plugins/personalization/server/src/core/templates';
import { sandboxWith, source } from './helpers';

/** Every configured limit is enforced (issue 11, defect 4): each case must fail without it. */

const scope = { params: {} };
const globals = () => ({ user: { id: 'u1' }, entry: { tags: [] } });
// 27 million iterations over one 300-element range: a time bound, not a memory one, stops it.
const SLOW =
  '{% assign r = (1..300) %}{% for a in r %}{% for b in r %}{% for c in r %}{% endfor %}{% endfor %}{% endfor %}';

describe('sandbox limits', () => {
  it('parseLimit refuses a body longer than the limit', () => {
    const { sandbox } = sandboxWith([], { parseLimit: 100 });
    expect(() => sandbox.parse('x'.repeat(101))).toThrow(/parse length limit/);
    expect(() => sandbox.parse('x'.repeat(99))).not.toThrow();
  });

  it('renderLimitMs stops a render that takes longer', () => {
    const { sandbox } = sandboxWith([], { renderLimitMs: 20 });
    const outcome = sandbox.render(sandbox.parse(SLOW), scope, globals());
    expect(outcome).toMatchObject({ ok: false, limit: true });
    expect(outcome.ok === false && outcome.error).toMatch(/render limit exceeded/);
    // Bounded by the limit (with room for the check's granularity), far below the loop's own time.
    expect(outcome.durationMs).toBeLessThan(1000);
  });

  it('memoryLimit refuses a range larger than the limit', () => {
    const { sandbox } = sandboxWith([], { memoryLimit: 1000 });
    const big = sandbox.render(
      sandbox.parse('{% for i in (1..1001) %}{% endfor %}'),
      scope,
      globals()
    );
    expect(big).toMatchObject({ ok: false, limit: true });
    const small = sandbox.render(
      sandbox.parse('{% for i in (1..999) %}{% endfor %}ok'),
      scope,
      globals()
    );
    expect(small).toMatchObject({ ok: true, output: 'ok' });
  });

  it('the default memoryLimit refuses the million-item range of the reported attack', () => {
    const { sandbox } = sandboxWith();
    const outcome = sandbox.render(
      sandbox.parse('{% for i in (1..1000000) %}{% endfor %}'),
      scope,
      globals()
    );
    expect(outcome).toMatchObject({ ok: false, limit: true });
    expect(DEFAULT_SANDBOX_LIMITS).not.toHaveProperty('templateLimit');
  });

  it('outputLimit refuses longer output', () => {
    const { sandbox } = sandboxWith([], { outputLimit: 10 });
    expect(sandbox.render(sandbox.parse('x'.repeat(11)), scope, globals())).toMatchObject({
      ok: false,
      limit: true,
    });
    expect(sandbox.render(sandbox.parse('x'.repeat(10)), scope, globals())).toMatchObject({
      ok: true,
    });
  });
});

describe('the render budget of a request', () => {
  it('is shared by every render: each gets what is left, then renders fail at once', () => {
    const { sandbox } = sandboxWith([], { renderLimitMs: 50 });
    const budget = createRenderBudget(60);
    const templates = sandbox.parse(SLOW);
    const outcomes = Array.from({ length: 10 }, () =>
      sandbox.render(templates, scope, globals(), budget)
    );
    const total = outcomes.reduce((sum, outcome) => sum + outcome.durationMs, 0);
    // Two renders run (50 ms, then the 10 ms left); the limit check's granularity adds a little.
    expect(total).toBeLessThan(60 + 40);
    const starved = outcomes.filter(
      (outcome) => !outcome.ok && /budget of 60 ms is spent/.test(outcome.error)
    );
    expect(starved.length).toBeGreaterThanOrEqual(7);
    // A render that never ran is not the rule's fault: it does not count towards the breaker.
    expect(
      starved.every((outcome) => !outcome.ok && !outcome.limit && outcome.durationMs === 0)
    ).toBe(true);
    expect(budget.remainingMs()).toBe(0);
  });

  it('leaves fast renders alone', () => {
    const { sandbox } = sandboxWith();
    // Wall-clock time: generous, so a busy machine (parallel test workers) cannot starve it.
    const budget = createRenderBudget(10_000);
    const templates = sandbox.parse('{% if user.id %}premium{% endif %}');
    for (let index = 0; index < 200; index += 1) {
      expect(sandbox.render(templates, scope, globals(), budget)).toMatchObject({
        ok: true,
        variant: 'premium',
      });
    }
  });
});

describe('compiled templates and partials are keyed by content', () => {
  const render = (sandbox: ReturnType<typeof sandboxWith>['sandbox'], body: TemplateSource) =>
    sandbox.render(sandbox.compiled(body), scope, globals());

  it('a template deleted and created again under its name and version renders its new body', () => {
    const { sandbox } = sandboxWith();
    expect(render(sandbox, source('same', 'old'))).toMatchObject({ output: 'old' });
    expect(render(sandbox, source('same', 'new'))).toMatchObject({ output: 'new' });
  });

  it('an updated partial renders its new body in the templates that render it', () => {
    let library = createTemplateLibrary([source('a', 'first'), source('b', "{% render 'a' %}")]);
    const sandbox = createSandbox({ library: () => library, limits: DEFAULT_SANDBOX_LIMITS });
    const outer = source('b', "{% render 'a' %}");
    expect(render(sandbox, outer)).toMatchObject({ output: 'first' });
    library = createTemplateLibrary([source('a', 'second', [], 2), outer]);
    expect(render(sandbox, outer)).toMatchObject({ output: 'second' });
    // Deleted and created again as version 1: still the new body.
    library = createTemplateLibrary([source('a', 'third'), outer]);
    expect(render(sandbox, outer)).toMatchObject({ output: 'third' });
  });
});

describe('partial names must be literals', () => {
  it.each([
    ['{% render params.p %}', 'render'],
    ['{% include params.p %}', 'include'],
    ["{% render 'tier-{{ params.p }}' %}", 'render'],
    ['{% if true %}{% render params.p %}{% endif %}', 'render'],
    ['{% layout params.p %}', 'layout'],
  ])('%s is refused at save and never rendered', (body, tag) => {
    const { sandbox, library } = sandboxWith([source('tier', 'premium')]);
    const stored = source('dynamic', body, [{ name: 'p', type: 'string', default: 'tier' }]);
    const problems = checkTemplate(sandbox, stored, library);
    expect(problems[0].message).toContain(`{% ${tag} %} must be a literal string`);
    expect(problems[0].line).toBe(1);
    expect(() => sandbox.compiled(stored)).toThrow(/must be a literal string/);
  });

  it('literal names are fine', () => {
    const { sandbox, library } = sandboxWith([source('tier', 'premium')]);
    expect(checkTemplate(sandbox, source('static', "{% render 'tier' %}"), library)).toEqual([]);
  });
});
