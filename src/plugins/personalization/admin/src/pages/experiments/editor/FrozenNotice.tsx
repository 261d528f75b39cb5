import { Alert, Box, Checkbox } from '@strapi/design-system';
import { useT } from '../../../hooks/useT';

/** A running experiment's plan is frozen; changing it starts a new phase when ticked. */
export const FrozenNotice = ({
  newPhase,
  setNewPhase,
  canManage,
}: {
  newPhase: boolean;
  setNewPhase: (value: boolean) => void;
  canManage: boolean;
}) => {
  const t = useT();
  return (
    <Alert
      variant="default"
      title={t('experiments.frozen.title')}
      closeLabel={t('common.close')}
      data-testid="frozen-notice"
    >
      {t('experiments.frozen.body')}
      <Box paddingTop={2}>
        <Checkbox
          name="new-phase"
          checked={newPhase}
          disabled={!canManage}
          onCheckedChange={(checked: boolean | 'indeterminate') => setNewPhase(checked === true)}
        >
          {t('experiments.frozen.newPhase')}
        </Checkbox>
      </Box>
    </Alert>
  );
};
