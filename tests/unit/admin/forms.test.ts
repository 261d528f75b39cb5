import { Text } from '@uiw/react-codemirror';
import { problemDiagnostics } from '../../../src/plugins/personalization/admin/src/components/template/problemDiagnostics';
import { parseParameterValue } from '../../../src/plugins/personalization/admin/src/components/template/parameterValues';
import {
  fromDrafts,
  toDraft,
} from '../../../src/plugins/personalization/admin/src/components/template/testCaseDrafts';
import { toCaller } from '../../../src/plugins/personalization/admin/src/pages/preview/callerForm';
import {
  emptyRuleForm,
  formToBody,
} from '../../../src/plugins/personalization/admin/src/pages/rules/ruleForm';
import { variantShares } from '../../../src/plugins/personalization/admin/src/pages/flags/flagForm';

describe('problemDiagnostics', () => {
  const doc = Text.of(['{% comment %}x{% endcomment %}', "{% if a == 'b' %}premium"]);
  const problem = (line: number | null, column: number | null, template = 'by-plan') => ({
    message: 'tag not closed',
    line,
    column,
    template,
  });

  it('marks a problem from its column to the end of its line', () => {
    const [diagnostic] = problemDiagnostics(doc, [problem(2, 1)], 'by-plan');
    expect(diagnostic).toMatchObject({ severity: 'error', message: 'tag not closed' });
    expect(doc.lineAt(diagnostic.from).number).toBe(2);
    expect(diagnostic.from).toBe(doc.line(2).from);
    expect(diagnostic.to).toBe(doc.line(2).to);
  });

  it('keeps a stale line inside the document', () => {
    const [diagnostic] = problemDiagnostics(doc, [problem(9, 40)], 'by-plan');
    expect(diagnostic.from).toBe(doc.length);
  });

  it('leaves out problems without a position and problems of partials', () => {
    expect(
      problemDiagnostics(doc, [problem(null, null), problem(1, 1, 'other')], 'by-plan')
    ).toEqual([]);
  });
});

describe('form conversions', () => {
  it.each([
    ['number', '42', 42],
    ['boolean', 'false', false],
    ['list', 'a, b', ['a', 'b']],
    ['string', ' pro', ' pro'],
    ['number', '', undefined],
  ] as const)('parameter of type %s from %j', (type, text, expected) => {
    expect(parseParameterValue(type, text)).toEqual(expected);
  });

  it('turns test-case drafts into test cases and back', () => {
    const testCase = {
      name: 'pro',
      expected: 'premium',
      caller: { traits: { plan: 'pro' } },
      variants: ['premium'],
      entry: { tags: ['Berlin'] },
    };
    expect(fromDrafts([toDraft(testCase)])).toEqual({ testCases: [testCase], errors: [] });
  });

  it('keeps the parts the form does not edit: the flag state and entry fields', () => {
    const testCase = {
      name: 'flag variant b',
      expected: 'b',
      flag: { enabled: true, variant: 'b' },
      entry: { fields: { category: 'sports' }, tags: ['Berlin'] },
    };
    expect(fromDrafts([toDraft(testCase)]).testCases).toEqual([testCase]);
  });

  it('names the test case whose JSON does not parse, and maps an empty expectation to null', () => {
    const { testCases, errors } = fromDrafts([
      { ...toDraft({ name: 'ok', expected: null }), caller: '' },
      { ...toDraft({ name: 'broken', expected: null }), caller: '{"traits":' },
    ]);
    expect(testCases).toEqual([{ name: 'ok', expected: null }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^broken: /);
  });

  it('builds a rule body: null version means latest passing, tags become the entry filter', () => {
    const body = formToBody(
      {
        ...emptyRuleForm(),
        name: 'r',
        contentType: 'api::article.article',
        template: 't',
        filterTags: 'Berlin, Dresden',
      },
      true
    );
    expect(body).toMatchObject({
      name: 'r',
      templateVersion: null,
      params: {},
      entryFilter: { tags: ['Berlin', 'Dresden'] },
    });
    expect(formToBody({ ...emptyRuleForm(), name: 'r' }, false)).not.toHaveProperty('name');
  });

  it.each([
    ['templateVersion', { templateVersion: 'two' }],
    ['params', { params: '[1]' }],
  ])('refuses a rule form with a bad %s', (field, patch) => {
    expect(() => formToBody({ ...emptyRuleForm(), ...patch }, true)).toThrow(field);
  });

  it('builds a preview caller and refuses traits that are not an object', () => {
    expect(
      toCaller({ userId: ' 12 ', visitorId: '', traits: '{"plan":"pro"}', segments: 'vip, eu' })
    ).toEqual({ user: { id: '12' }, traits: { plan: 'pro' }, segments: ['vip', 'eu'] });
    expect(() => toCaller({ userId: '', visitorId: '', traits: '"pro"', segments: '' })).toThrow(
      'traits'
    );
  });

  it('shows variant weights as shares of the traffic', () => {
    expect(
      variantShares([
        { name: 'a', weight: 1 },
        { name: 'b', weight: 3 },
      ])
    ).toEqual([25, 75]);
    expect(variantShares([{ name: 'a', weight: 0 }])).toEqual([0]);
  });
});
