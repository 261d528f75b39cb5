import { useMemo } from 'react';
import { Flex } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { getTemplate } from '../../api';
import { useParams } from 'react-router-dom';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import type { TemplateRecord } from '../../../../shared/contracts/templates';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { ParameterEditor } from '../../components/template/ParameterEditor';
import { fromDrafts } from '../../components/template/testCaseDrafts';
import { VersionHistory } from '../../components/template/VersionHistory';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { TemplateBodySection } from './TemplateBodySection';
import { TemplateDetailsSection } from './TemplateDetailsSection';
import { TemplateHeader } from './TemplateHeader';
import { TemplateTestsSection } from './TemplateTestsSection';
import { useTemplateActions } from './useTemplateActions';
import { useTemplateFields } from './useTemplateFields';
import { useTemplateValidation } from './useTemplateValidation';

/** Create a template (no name in the URL) or edit one: body, parameters, tests, versions. */
export const TemplateEditorPage = () => {
  const { name: routeName } = useParams<{ name: string }>();
  const isNew = routeName === undefined;
  const { state, reload } = useLoad(isNew ? null : getTemplate(routeName));
  if (isNew) return <TemplateForm template={null} onSaved={reload} />;
  return (
    <Loading state={state}>
      {(template) => <TemplateForm key={template.name} template={template} onSaved={reload} />}
    </Loading>
  );
};

const TemplateForm = ({
  template,
  onSaved,
}: {
  template: TemplateRecord | null;
  onSaved: () => void;
}) => {
  const t = useT();
  const canManage = useCan(PERMISSIONS.rulesManage).allowed;
  const readOnly = !canManage;

  const fields = useTemplateFields(template);
  const { name, description, body, parameters, drafts, note } = fields;

  const converted = useMemo(() => fromDrafts(drafts), [drafts]);
  const draft = useMemo(
    () => ({ name, body, parameters, testCases: converted.testCases }),
    [name, body, parameters, converted.testCases]
  );
  const { saving, saveProblems, save, testRun, runTests } = useTemplateActions(template, onSaved);
  const validation = useTemplateValidation(draft, canManage || template !== null);
  const problems = validation.problems.length > 0 ? validation.problems : saveProblems;
  const problemsName = validation.problems.length > 0 ? validation.checkedName : name;

  const title = template ? template.name : t('templates.new');
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <TemplateHeader
        template={template}
        title={title}
        canManage={canManage}
        saving={saving}
        onSave={() =>
          save({ name, description, body, parameters, note, converted }, () => fields.setNote(''))
        }
        onRunTests={runTests}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <TemplateDetailsSection template={template} readOnly={readOnly} fields={fields} />
          <TemplateBodySection
            body={body}
            setBody={fields.setBody}
            problems={problems}
            problemsName={problemsName}
            validation={validation}
            readOnly={readOnly}
          />
          <Section title={t('parameters.title')}>
            <ParameterEditor
              parameters={parameters}
              onChange={fields.setParameters}
              readOnly={readOnly}
            />
          </Section>
          <TemplateTestsSection
            drafts={drafts}
            setDrafts={fields.setDrafts}
            conversionErrors={converted.errors}
            validation={validation}
            testRun={testRun}
            readOnly={readOnly}
          />
          {template && (
            <Section title={t('versions.title')}>
              <VersionHistory
                key={template.latestVersion}
                template={template}
                canManage={canManage}
                onRolledBack={onSaved}
              />
            </Section>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
