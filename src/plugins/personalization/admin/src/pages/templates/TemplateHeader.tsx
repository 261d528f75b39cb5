import { Button } from '@strapi/design-system';
import { Check, Play } from '@strapi/icons';
import { BackButton, Layouts } from '@strapi/strapi/admin';
import type { TemplateRecord } from '../../../../shared/contracts/templates';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';

/** Title, version, save (with the manage permission) and run tests (a stored template). */
export const TemplateHeader = ({
  template,
  title,
  canManage,
  saving,
  onSave,
  onRunTests,
}: {
  template: TemplateRecord | null;
  title: string;
  canManage: boolean;
  saving: boolean;
  onSave: () => void;
  onRunTests: () => void;
}) => {
  const t = useT();
  return (
    <Layouts.Header
      title={title}
      subtitle={template ? t('templates.versionOf', { version: template.latestVersion }) : ''}
      navigationAction={<BackButton fallback={pagePath('templates')} />}
      primaryAction={
        canManage ? (
          <Button startIcon={<Check />} onClick={onSave} loading={saving}>
            {t('common.save')}
          </Button>
        ) : undefined
      }
      secondaryAction={
        template ? (
          <Button variant="secondary" startIcon={<Play />} onClick={onRunTests}>
            {t('tests.run')}
          </Button>
        ) : undefined
      }
    />
  );
};
