import type { TemplateTestCase } from '../../../../shared/contracts/templates';
import { parseList } from './parameterValues';

/** A test case as the editor types it: JSON parts as text until they are parsed. */
export interface TestCaseDraft {
  name: string;
  /** Empty means base content (null). */
  expected: string;
  caller: string;
  params: string;
  variants: string;
  tags: string;
  /** Parts the form does not edit (the flag state, entry fields), kept as they were. */
  kept: Pick<TemplateTestCase, 'flag'> & { fields?: Record<string, unknown> };
}

const json = (value: unknown): string =>
  value === undefined ? '' : JSON.stringify(value, null, 0);

export const toDraft = (testCase: TemplateTestCase): TestCaseDraft => ({
  name: testCase.name,
  expected: testCase.expected ?? '',
  caller: json(testCase.caller),
  params: json(testCase.params),
  variants: (testCase.variants ?? []).join(', '),
  tags: (testCase.entry?.tags ?? []).join(', '),
  kept: {
    ...(testCase.flag ? { flag: testCase.flag } : {}),
    ...(testCase.entry?.fields ? { fields: testCase.entry.fields } : {}),
  },
});

export const emptyDraft = (): TestCaseDraft => ({
  name: '',
  expected: '',
  caller: '{"traits":{}}',
  params: '',
  variants: '',
  tags: '',
  kept: {},
});

const parseObject = (text: string, what: string): Record<string, never> | undefined => {
  if (text.trim() === '') return undefined;
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${what} must be a JSON object`);
  }
  return parsed as Record<string, never>;
};

/** Drafts → test cases; a draft whose JSON does not parse gives an error naming the case. */
export const fromDrafts = (
  drafts: TestCaseDraft[]
): { testCases: TemplateTestCase[]; errors: string[] } => {
  const testCases: TemplateTestCase[] = [];
  const errors: string[] = [];
  drafts.forEach((draft, index) => {
    const name = draft.name.trim() || `#${index + 1}`;
    try {
      const tags = parseList(draft.tags);
      const caller = parseObject(draft.caller, 'caller');
      const params = parseObject(draft.params, 'params');
      const variants = parseList(draft.variants);
      const { fields, flag } = draft.kept;
      const entry = { ...(fields ? { fields } : {}), ...(tags ? { tags } : {}) };
      testCases.push({
        name,
        expected: draft.expected.trim() === '' ? null : draft.expected.trim(),
        ...(caller ? { caller } : {}),
        ...(params ? { params } : {}),
        ...(variants ? { variants } : {}),
        ...(Object.keys(entry).length > 0 ? { entry } : {}),
        ...(flag ? { flag } : {}),
      });
    } catch (error) {
      errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return { testCases, errors };
};
