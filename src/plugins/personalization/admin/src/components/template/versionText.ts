import type { TemplateParameter, TemplateTestCase } from '../../../../shared/contracts/templates';

interface VersionContent {
  body: string;
  parameters: TemplateParameter[] | null;
  testCases: TemplateTestCase[] | null;
}

/** A version as one text for diffing: the body, then its parameters and test cases as JSON. */
export const versionText = (content: VersionContent): string =>
  [
    content.body,
    '',
    '--- parameters',
    JSON.stringify(content.parameters ?? [], null, 2),
    '--- test cases',
    JSON.stringify(content.testCases ?? [], null, 2),
  ].join('\n');
