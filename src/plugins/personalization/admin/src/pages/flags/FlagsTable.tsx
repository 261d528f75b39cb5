import { Badge, Button } from '@strapi/design-system';
import { Pencil } from '@strapi/icons';
import type { FlagRecord } from '../../../../shared/contracts/templates';
import { DataTable } from '../../components/DataTable';
import { useT } from '../../hooks/useT';

/** The flags with state, rollout and variants; an edit button on each when they are editable. */
export const FlagsTable = ({
  flags,
  editable,
  onEdit,
}: {
  flags: FlagRecord[];
  editable: boolean;
  onEdit: (flag: FlagRecord) => void;
}) => {
  const t = useT();
  return (
    <DataTable
      rows={flags}
      rowKey={(flag) => flag.name}
      empty={t('flags.empty')}
      columns={[
        { key: 'name', label: t('flags.name'), render: (flag) => flag.name },
        {
          key: 'enabled',
          label: t('flags.enabled'),
          render: (flag) => (
            <Badge
              backgroundColor={flag.enabled ? 'success100' : 'neutral150'}
              textColor={flag.enabled ? 'success700' : 'neutral700'}
            >
              {flag.enabled ? t('flags.on') : t('flags.off')}
            </Badge>
          ),
        },
        {
          key: 'rollout',
          label: t('flags.rollout'),
          render: (flag) => (flag.rollout === undefined ? '' : `${flag.rollout} %`),
        },
        {
          key: 'variants',
          label: t('flags.variants'),
          render: (flag) =>
            (flag.variants ?? [])
              .map((variant) => `${variant.name} (${variant.weight})`)
              .join(', '),
        },
        {
          key: 'description',
          label: t('flags.description'),
          render: (flag) => flag.description ?? '',
        },
        {
          key: 'actions',
          label: t('versions.actions'),
          render: (flag) =>
            editable ? (
              <Button
                variant="tertiary"
                size="S"
                startIcon={<Pencil />}
                onClick={() => onEdit(flag)}
              >
                {t('common.edit')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
};
