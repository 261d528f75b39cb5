import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';

type Values = Record<string, string | number>;

/** `t('templates.title')`: the plugin's message for a key of translations/en.json. */
export const useT = () => {
  const { formatMessage } = useIntl();
  return (id: string, values?: Values): string =>
    formatMessage({ id: getTranslation(id), defaultMessage: id }, values);
};
