import {
  decisionKey,
  type DecisionKeyInput,
} from '../../../../src/plugins/personalization/server/src/core/delivery';
import { callerPathsRead } from '../../../../src/plugins/personalization/server/src/core/templates';
import { sandboxWith, source } from '../templates/helpers';

const base: DecisionKeyInput = {
  contentType: 'api::article.article',
  revision: 'r1',
  documentId: 'doc-1',
  entryVersion: '2026-11-29T10:00:00.000Z',
  variants: ['premium'],
  tags: [],
  flags: [{ name: 'personalization.a', enabled: true, variant: null, payload: null }],
  callerPaths: ['visitor.traits.plan'],
  callerView: { visitor: { id: 'v1', traits: { plan: 'pro', firstName: 'Ada' } } },
};

describe('decisionKey', () => {
  it('is stable for the same inputs', () => {
    expect(decisionKey(base)).toBe(decisionKey({ ...base }));
  });

  it('ignores caller values the templates do not read', () => {
    const otherVisitor = { visitor: { id: 'v2', traits: { plan: 'pro', firstName: 'Grace' } } };
    expect(decisionKey({ ...base, callerView: otherVisitor })).toBe(decisionKey(base));
  });

  it.each([
    ['a read caller value', { callerView: { visitor: { traits: { plan: 'free' } } } }],
    ['the entry version', { entryVersion: '2026-11-29T11:00:00.000Z' }],
    ['the rule revision', { revision: 'r2' }],
    [
      'a flag state',
      { flags: [{ name: 'personalization.a', enabled: false, variant: null, payload: null }] },
    ],
    [
      'a flag variant',
      { flags: [{ name: 'personalization.a', enabled: true, variant: 'b', payload: null }] },
    ],
    ['the variant keys', { variants: ['premium', 'local'] }],
    ['the entry', { documentId: 'doc-2' }],
  ])('changes with %s', (_label, change) => {
    expect(decisionKey({ ...base, ...change } as DecisionKeyInput)).not.toBe(decisionKey(base));
  });
});

describe('callerPathsRead', () => {
  it('lists the caller paths a template and its partials read', () => {
    const partial = source('device-check', "{% if request.device == 'mobile' %}m{% endif %}");
    const { sandbox } = sandboxWith([partial]);
    const templates = sandbox.parse(
      "{% if visitor.traits.plan == 'pro' and user.authenticated %}{% render 'device-check' %}{% endif %}{{ entry.title }}{{ params.x }}"
    );
    expect(callerPathsRead(sandbox, templates)).toEqual([
      'request.device',
      'user.authenticated',
      'visitor.traits.plan',
    ]);
  });

  it('stops a path at a dynamic segment', () => {
    const { sandbox } = sandboxWith();
    expect(
      callerPathsRead(
        sandbox,
        sandbox.parse('{{ visitor.traits[params.name] }}{{ segments | join }}')
      )
    ).toEqual(['segments', 'visitor.traits']);
  });
});
