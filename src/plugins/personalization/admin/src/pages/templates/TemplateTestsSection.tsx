import { Typography } from '@strapi/design-system';
import type { TestRun } from '../../../../shared/contracts/templates';
import { Section } from '../../components/Section';
import { TestCaseEditor } from '../../components/template/TestCaseEditor';
import type { TestCaseDraft } from '../../components/template/testCaseDrafts';
import { TestResults } from '../../components/template/TestResults';
import { useT } from '../../hooks/useT';
import type { useTemplateValidation } from './useTemplateValidation';

/** The test cases, their conversion errors, and the draft's and stored version's results. */
export const TemplateTestsSection = ({
  drafts,
  setDrafts,
  conversionErrors,
  validation,
  testRun,
  readOnly,
}: {
  drafts: TestCaseDraft[];
  setDrafts: (drafts: TestCaseDraft[]) => void;
  conversionErrors: string[];
  validation: ReturnType<typeof useTemplateValidation>;
  testRun: TestRun | null;
  readOnly: boolean;
}) => {
  const t = useT();
  return (
    <Section title={t('tests.title')}>
      <TestCaseEditor drafts={drafts} onChange={setDrafts} readOnly={readOnly} />
      {conversionErrors.map((message) => (
        <Typography key={message} textColor="danger600">
          {message}
        </Typography>
      ))}
      {validation.report?.tests && validation.report.tests.total > 0 && (
        <>
          <Typography variant="omega" textColor="neutral600">
            {t('tests.draftResults')}
          </Typography>
          <TestResults run={validation.report.tests} />
        </>
      )}
      {testRun && (
        <>
          <Typography variant="omega" textColor="neutral600">
            {t('tests.storedResults')}
          </Typography>
          <TestResults run={testRun} />
        </>
      )}
    </Section>
  );
};
