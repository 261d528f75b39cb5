import { useEffect, useMemo, useState } from 'react';
import { Button, Field, Flex, Grid, TextInput, Typography } from '@strapi/design-system';
import { Check, Play } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { getTemplate, usePluginApi } from '../../api';
import { useNavigate, useParams } from 'react-router-dom';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import type {
  TemplateParameter,
  TemplateProblem,
  TemplateRecord,
  TestRun,
} from '../../../../shared/contracts/templates';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { LiquidEditor } from '../../components/template/LiquidEditor';
import { ParameterEditor } from '../../components/template/ParameterEditor';
import { ProblemList } from '../../components/template/ProblemList';
import { TestCaseEditor } from '../../components/template/TestCaseEditor';
import { fromDrafts, toDraft, type TestCaseDraft } from '../../components/template/testCaseDrafts';
import { TestResults } from '../../components/template/TestResults';
import { VersionHistory } from '../../components/template/VersionHistory';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';
import { errorMessage, errorProblems } from '../../utils/errorMessage';
import { useTemplateValidation } from './useTemplateValidation';

const NEW_TEMPLATE_BODY = "{% if visitor.traits.plan == 'pro' %}{% variant 'premium' %}{% endif %}";

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
  const navigate = useNavigate();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const canManage = useCan(PERMISSIONS.rulesManage).allowed;
  const readOnly = !canManage;

  const [name, setName] = useState(template?.name ?? '');
  const [description, setDescription] = useState(template?.description ?? '');
  const [body, setBody] = useState(template?.body ?? NEW_TEMPLATE_BODY);
  const [parameters, setParameters] = useState<TemplateParameter[]>(template?.parameters ?? []);
  const [drafts, setDrafts] = useState<TestCaseDraft[]>((template?.testCases ?? []).map(toDraft));
  const [note, setNote] = useState('');
  const [saveProblems, setSaveProblems] = useState<TemplateProblem[]>([]);
  const [testRun, setTestRun] = useState<TestRun | null>(null);
  const [saving, setSaving] = useState(false);

  // A stored template's form is reset when a save or rollback makes a new version.
  useEffect(() => {
    if (!template) return;
    setDescription(template.description ?? '');
    setBody(template.body);
    setParameters(template.parameters ?? []);
    setDrafts((template.testCases ?? []).map(toDraft));
  }, [template]);

  const converted = useMemo(() => fromDrafts(drafts), [drafts]);
  const draft = useMemo(
    () => ({ name, body, parameters, testCases: converted.testCases }),
    [name, body, parameters, converted.testCases]
  );
  const validation = useTemplateValidation(draft, canManage || template !== null);
  const problems = validation.problems.length > 0 ? validation.problems : saveProblems;
  const problemsName = validation.problems.length > 0 ? validation.checkedName : name;

  const save = async () => {
    if (converted.errors.length > 0) {
      toggleNotification({ type: 'danger', message: converted.errors.join('; ') });
      return;
    }
    setSaving(true);
    const payload = {
      description,
      body,
      parameters: parameters.filter((parameter) => parameter.name !== ''),
      testCases: converted.testCases,
    };
    try {
      if (template) {
        await api.saveTemplate(template.name, { ...payload, note: note || undefined });
        setNote('');
        onSaved();
      } else {
        await api.saveTemplate(null, { ...payload, name });
        navigate(pagePath('templates', name), { replace: true });
      }
      setSaveProblems([]);
      toggleNotification({ type: 'success', message: t('templates.saved') });
    } catch (error) {
      setSaveProblems(errorProblems(error));
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  const runTests = async () => {
    if (!template) return;
    try {
      setTestRun(await api.runTemplateTests(template.name));
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  const title = template ? template.name : t('templates.new');
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={template ? t('templates.versionOf', { version: template.latestVersion }) : ''}
        navigationAction={<BackButton fallback={pagePath('templates')} />}
        primaryAction={
          canManage ? (
            <Button startIcon={<Check />} onClick={save} loading={saving}>
              {t('common.save')}
            </Button>
          ) : undefined
        }
        secondaryAction={
          template ? (
            <Button variant="secondary" startIcon={<Play />} onClick={runTests}>
              {t('tests.run')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Section title={t('templates.details')}>
            <Grid.Root gap={4}>
              <Grid.Item col={4} alignItems="start">
                <Field.Root name="name" style={{ width: '100%' }} hint={t('templates.nameHint')}>
                  <Field.Label>{t('templates.name')}</Field.Label>
                  <TextInput
                    value={name}
                    disabled={template !== null || readOnly}
                    onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                      setName(event.target.value)
                    }
                  />
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={template ? 5 : 8} alignItems="start">
                <Field.Root name="description" style={{ width: '100%' }}>
                  <Field.Label>{t('templates.description')}</Field.Label>
                  <TextInput
                    value={description}
                    disabled={readOnly}
                    onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                      setDescription(event.target.value)
                    }
                  />
                </Field.Root>
              </Grid.Item>
              {template && (
                <Grid.Item col={3} alignItems="start">
                  <Field.Root name="note" style={{ width: '100%' }}>
                    <Field.Label>{t('templates.note')}</Field.Label>
                    <TextInput
                      value={note}
                      disabled={readOnly}
                      onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                        setNote(event.target.value)
                      }
                    />
                  </Field.Root>
                </Grid.Item>
              )}
            </Grid.Root>
          </Section>
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
            {validation.failure && (
              <Typography textColor="danger600">{validation.failure}</Typography>
            )}
            {validation.report?.valid && (
              <Typography textColor="success600" data-testid="template-valid">
                {t('templates.valid')}
              </Typography>
            )}
          </Section>
          <Section title={t('parameters.title')}>
            <ParameterEditor parameters={parameters} onChange={setParameters} readOnly={readOnly} />
          </Section>
          <Section title={t('tests.title')}>
            <TestCaseEditor drafts={drafts} onChange={setDrafts} readOnly={readOnly} />
            {converted.errors.map((message) => (
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
