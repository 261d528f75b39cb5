import { buildCallerView } from '../../../../src/plugins/personalization/server/src/core/context/template-context';
import {
  createCircuitBreaker,
  createRulesDecider,
  type RuleDefinition,
} from '../../../../src/plugins/personalization/server/src/core/rules';
import { createRenderBudget } from '../../../../src/plugins/personalization/server/src/core/templates';
import { sandboxWith, source } from '../templates/helpers';

const SLOW =
  '{% assign r = (1..300) %}{% for a in r %}{% for b in r %}{% for c in r %}{% endfor %}{% endfor %}{% endfor %}';

const rule = (template: string): RuleDefinition => ({
  name: template,
  contentType: 'api::article.article',
  entryFilter: null,
  template,
  templateVersion: null,
  params: {},
  priority: 0,
  status: 'active',
  flagName: `personalization.${template}`,
});

const entry = { documentId: 'e1', tags: [], variants: ['premium'], fields: {} };

describe('the rules decider', () => {
  const setUp = (body: string, budgetMs: number) => {
    const { sandbox, library } = sandboxWith([source('t', body)], { renderLimitMs: 20 });
    const breaker = createCircuitBreaker({ threshold: 2, windowMs: 60_000, cooldownMs: 60_000 });
    const decider = (budget = createRenderBudget(budgetMs)) =>
      createRulesDecider({
        rules: [rule('t')],
        renderer: { sandbox, sourceFor: (name) => library.latest(name) },
        caller: buildCallerView({ visitorId: 'v' }, { userAttributes: [], now: new Date(0) }),
        evaluateFlag: (definition) => ({
          name: definition.flagName,
          enabled: true,
          variant: null,
          payload: null,
        }),
        budget,
        breaker,
      });
    return { decider };
  };

  it('decides with the rule that renders', () => {
    const { decider } = setUp("{% variant 'premium' %}", 100);
    expect(decider().decide(entry)).toMatchObject({ variant: 'premium', reason: 'rule' });
  });

  it('pauses a rule after repeated limit failures; starved renders neither count nor reset', () => {
    const { decider } = setUp(SLOW, 1000);
    expect(decider().decide(entry)?.trace[0].error).toMatch(/render limit exceeded/);
    // A request whose budget is spent: the rule is not rendered, its count stays.
    const spent = createRenderBudget(10);
    spent.spend(10);
    expect(decider(spent).decide(entry)?.trace[0].error).toMatch(/budget of 10 ms is spent/);
    expect(decider().decide(entry)?.trace[0].error).toMatch(/render limit exceeded/);
    const paused = decider().decide(entry);
    expect(paused).toMatchObject({ reason: 'rule-error', variant: null });
    expect(paused?.trace[0]).toMatchObject({ durationMs: 0 });
    expect(paused?.trace[0].error).toMatch(/rule paused for 60 s/);
  });
});
