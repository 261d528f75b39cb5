import { useState } from 'react';
import { Button, Flex } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { usePluginApi } from '../../api';
import { Section } from '../../components/Section';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errorMessage';
import { flagBody, type FlagForm } from './flagForm';
import { FlagSettingsFields } from './FlagSettingsFields';
import { FlagVariantsEditor } from './FlagVariantsEditor';

interface Props {
  initial: FlagForm;
  isNew: boolean;
  onSaved: () => void;
  onCancel: () => void;
}

/** One local flag: on/off, gradual rollout, and variants with relative weights. */
export const FlagEditor = ({ initial, isNew, onSaved, onCancel }: Props) => {
  const t = useT();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const [form, setForm] = useState(initial);

  const save = async () => {
    try {
      await api.saveFlag(isNew ? null : form.name, flagBody(form, isNew));
      toggleNotification({ type: 'success', message: t('flags.saved') });
      onSaved();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  return (
    <Section
      title={isNew ? t('flags.new') : t('flags.editing', { name: form.name })}
      actions={
        <Flex gap={2}>
          <Button variant="tertiary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button startIcon={<Check />} onClick={save}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <FlagSettingsFields form={form} setForm={setForm} isNew={isNew} />
      <FlagVariantsEditor form={form} setForm={setForm} />
    </Section>
  );
};
