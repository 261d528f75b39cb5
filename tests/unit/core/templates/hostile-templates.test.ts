import { buildCallerView } from '../../../../src/plugins/personalization/server/src/core/context/template-context';
import { decide, renderRule } from '../../../../src/plugins/personalization/server/src/core/rules';
import { checkTemplate } from '../../../../src/plugins/personalization/server/src/core/templates';
import { sandboxWith, source } from './helpers';

/**
 * Templates written to hurt: each must be refused when saved (checkTemplate problems or a parse
 * error) or fail its render with an error (which delivery turns into reason `rule-error`). None may
 * crash or hang the process; the render time limit bounds each case.
 */
type Hostile = {
  label: string;
  body: string;
  expect: 'rejected-at-save' | 'render-error' | 'harmless';
  partials?: ReturnType<typeof source>[];
  check?: (output: string) => void;
};

const MB = 1024 * 1024;

const cases: Hostile[] = [
  {
    label: 'a huge loop',
    body: '{% for i in (1..100000000) %}x{% endfor %}',
    expect: 'render-error',
  },
  {
    label: 'nested loops',
    body: '{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}x{% endfor %}{% endfor %}{% endfor %}',
    expect: 'render-error',
  },
  {
    label: 'exponential string growth',
    body: '{% assign s = "xx" %}{% for i in (1..64) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}',
    expect: 'render-error',
  },
  {
    label: 'exponential growth through capture',
    body: '{% capture s %}ab{% endcapture %}{% for i in (1..60) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}',
    expect: 'render-error',
  },
  {
    label: 'very long output',
    body: '{% for i in (1..5000) %}0123456789{% endfor %}',
    expect: 'render-error',
  },
  {
    label: 'a long string from a filter',
    body: '{{ "x" | append: "y" | split: "" | join: "" }}{% for i in (1..3000) %}ab{% endfor %}',
    expect: 'render-error',
  },
  { label: 'a 1 MB template', body: 'x'.repeat(MB), expect: 'rejected-at-save' },
  {
    label: 'a template that renders itself',
    body: "{% render 'self' %}",
    expect: 'rejected-at-save',
  },
  {
    label: 'recursion through two partials',
    body: "{% render 'ping' %}",
    partials: [source('ping', "{% render 'pong' %}"), source('pong', "{% render 'ping' %}")],
    expect: 'rejected-at-save',
  },
  {
    label: 'a partial from the file system',
    body: "{% render '/etc/passwd' %}",
    expect: 'rejected-at-save',
  },
  {
    label: 'a relative path partial',
    body: "{% include '../../package.json' %}",
    expect: 'rejected-at-save',
  },
  {
    label: 'a layout from the file system',
    body: "{% layout '/etc/hosts' %}x",
    expect: 'rejected-at-save',
  },
  {
    label: '{{ user.constructor }}',
    body: '{{ user.constructor }}|{{ user.constructor.name }}',
    expect: 'harmless',
    check: (output) => expect(output).toBe('|'),
  },
  {
    label: '__proto__ access',
    body: '{{ user.__proto__ }}{{ entry["__proto__"].toString }}',
    expect: 'harmless',
    check: (output) => expect(output).toBe(''),
  },
  {
    label: 'constructor.constructor function escape',
    body: '{{ user.constructor.constructor("return process")() }}',
    expect: 'rejected-at-save',
  },
  {
    label: 'prototype pollution through assign',
    body: '{% assign __proto__ = "x" %}{{ user.polluted }}',
    expect: 'harmless',
    check: () => expect(({} as Record<string, unknown>).polluted).toBeUndefined(),
  },
  { label: 'an unknown filter', body: '{{ "x" | exec: "ls" }}', expect: 'rejected-at-save' },
  { label: 'an unclosed tag', body: '{% if true %}x', expect: 'rejected-at-save' },
  { label: 'an unknown tag', body: '{% eval "1+1" %}', expect: 'rejected-at-save' },
  { label: 'an undeclared parameter', body: '{{ params.secret }}', expect: 'rejected-at-save' },
  {
    label: 'a huge range in a filter',
    body: '{{ (1..100000000) | join: "," | size }}',
    expect: 'render-error',
  },
  {
    label: 'deep nesting of blocks',
    body: `${'{% if true %}'.repeat(3000)}x${'{% endif %}'.repeat(3000)}`,
    expect: 'rejected-at-save',
  },
  {
    label: 'a string repeated by a huge slice',
    body: '{{ "ab" | slice: 0, 100000000 }}{% for i in (1..1000000) %}{% endfor %}',
    expect: 'render-error',
  },
  {
    label: 'an endless cycle of increments',
    body: '{% for i in (1..10000000) %}{% increment n %}{% endfor %}',
    expect: 'render-error',
  },
];

describe('hostile templates', () => {
  it('has at least 20 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((entry) => [entry.label, entry] as const))('%s', (_label, hostile) => {
    const { sandbox, library } = sandboxWith(hostile.partials ?? []);
    const candidate = source('self', hostile.body);
    const problems = checkTemplate(sandbox, candidate, library);
    if (hostile.expect === 'rejected-at-save') {
      expect(problems.length).toBeGreaterThan(0);
      return;
    }
    expect(problems).toEqual([]);

    const started = Date.now();
    const outcome = sandbox.render(
      sandbox.parse(candidate.body),
      { params: {} },
      { user: { id: 'u1' }, entry: { tags: [] } }
    );
    // The render limit (50 ms by default) stops work; a generous bound catches a hang, not speed.
    expect(Date.now() - started).toBeLessThan(5000);
    if (hostile.expect === 'render-error') {
      expect(outcome.ok).toBe(false);
      // Through the rule engine, the same failure is base content with reason rule-error.
      const decision = decide({
        rules: [
          {
            name: 'hostile',
            contentType: 'api::article.article',
            entryFilter: null,
            template: 'self',
            templateVersion: 1,
            params: {},
            priority: 0,
            status: 'active',
            flagName: 'personalization.hostile',
          },
        ],
        entry: { documentId: 'doc-1', tags: [], variants: ['premium'] },
        evaluateFlag: () => ({
          name: 'personalization.hostile',
          enabled: true,
          variant: null,
          payload: null,
        }),
        render: (rule, flag) =>
          renderRule(
            { sandbox, sourceFor: () => candidate },
            rule,
            flag,
            buildCallerView({}, { userAttributes: [], now: new Date() }),
            {
              documentId: 'doc-1',
              variants: ['premium'],
            }
          ),
      });
      expect(decision).toMatchObject({ variant: null, reason: 'rule-error' });
    } else {
      expect(outcome.ok).toBe(true);
      if (outcome.ok) hostile.check?.(outcome.output);
    }
  });
});
