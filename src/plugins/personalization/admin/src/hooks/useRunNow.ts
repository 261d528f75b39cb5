import { useState } from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { errorMessage } from '../utils/errorMessage';

/** A "run now" button's action: busy while it runs, then a reload; a failure is notified. */
export const useRunNow = (action: () => Promise<void>, reload: () => void) => {
  const { toggleNotification } = useNotification();
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    try {
      await action();
      reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setRunning(false);
    }
  };
  return { running, run };
};
