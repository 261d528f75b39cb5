import { Button, Flex } from '@strapi/design-system';
import { Check, Eye, Trash } from '@strapi/icons';
import { BackButton, Layouts } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import type { RuleRecord } from '../../../../shared/contracts/templates';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';

/** Title, save and delete (with the manage permission), and the shadow report's link. */
export const RuleHeader = ({
  rule,
  title,
  canManage,
  saving,
  onSave,
  onRemove,
}: {
  rule: RuleRecord | null;
  title: string;
  canManage: boolean;
  saving: boolean;
  onSave: () => void;
  onRemove: () => void;
}) => {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Layouts.Header
      title={title}
      navigationAction={<BackButton fallback={pagePath('rules')} />}
      primaryAction={
        canManage ? (
          <Button startIcon={<Check />} onClick={onSave} loading={saving}>
            {t('common.save')}
          </Button>
        ) : undefined
      }
      secondaryAction={
        rule ? (
          <Flex gap={2}>
            <Button
              variant="secondary"
              startIcon={<Eye />}
              onClick={() => navigate(pagePath('rules', rule.name, 'shadow'))}
            >
              {t('rules.shadowReport')}
            </Button>
            {canManage ? (
              <Button variant="danger-light" startIcon={<Trash />} onClick={onRemove}>
                {t('common.delete')}
              </Button>
            ) : null}
          </Flex>
        ) : undefined
      }
    />
  );
};
