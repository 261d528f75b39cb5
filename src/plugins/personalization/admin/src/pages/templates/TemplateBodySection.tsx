import { Typography } from '@strapi/design-system';
import type { TemplateProblem } from '../../../../shared/contracts/templates';
import { Section } from '../../components/Section';
import { LiquidEditor } from '../../components/template/LiquidEditor';
import { ProblemList } from '../../components/template/ProblemList';
import { useT } from '../../hooks/useT';
import type { useTemplateValidation } from './useTemplateValidation';

/** The Liquid body with its problems as the server's validation reports them. */
export const TemplateBodySection = ({
  body,
  setBody,
  problems,
  problemsName,
  validation,
  readOnly,
}: {
  body: string;
  setBody: (value: string) => void;
  problems: TemplateProblem[];
  /** The template the problems were found in (the draft's name when it was checked). */
  problemsName: string;
  validation: ReturnType<typeof useTemplateValidation>;
  readOnly: boolean;
}) => {
  const t = useT();
  return (
    <Section title={t('templates.body')}>
      <LiquidEditor
        value={body}
        onChange={setBody}
        problems={problems}
        templateName={problemsName}
        readOnly={readOnly}
        label={t('templates.body')}
      />
      <ProblemList problems={problems} name={problemsName} />
      {validation.failure && <Typography textColor="danger600">{validation.failure}</Typography>}
      {validation.report?.valid && (
        <Typography textColor="success600" data-testid="template-valid">
          {t('templates.valid')}
        </Typography>
      )}
    </Section>
  );
};
