import type { Core } from '@strapi/strapi';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';

/**
 * Boot-time part of tagging (its tables come from migrations/001-tagging.ts): load the models once
 * so a missing or corrupt model is reported at boot with its path (boot continues: saves must still
 * work, and jobs retry until the model is fixed), then start the worker, which resumes jobs a
 * previous run left behind.
 */
export const startTagging = async (strapi: Core.Strapi): Promise<void> => {
  const config = getPluginConfig(strapi).tagging;
  if (!config.enabled) {
    strapi.log.info('[personalization] tagging disabled (no worker, saves enqueue nothing)');
    return;
  }
  try {
    await getService(strapi, 'taggingModels').load();
  } catch (error) {
    strapi.log.error(
      `[personalization] tagging models failed to load; saves still succeed and tagging jobs will retry: ${error instanceof Error ? error.message : String(error)}`
    );
  }
  await getService(strapi, 'taggingWorker').start();
};
