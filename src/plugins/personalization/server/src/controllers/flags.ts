import type { Core } from '@strapi/strapi';
import type { FlagsMeta } from '../../../shared/contracts/templates';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import { createFlagSchema, updateFlagSchema } from '../validation/flag-input';
import { crudController } from './crud-controller';

const createFlagsController = ({ strapi }: { strapi: Core.Strapi }) =>
  crudController(
    () => getService(strapi, 'flags'),
    { create: createFlagSchema, update: updateFlagSchema },
    // Tells clients whether flags are stored here (editable) or read from an Unleash server.
    (): FlagsMeta => {
      const unleash = getPluginConfig(strapi).flags.unleash;
      return unleash
        ? { mode: 'remote', unleashUrl: unleash.url }
        : { mode: getService(strapi, 'flags').mode() };
    }
  );

export default createFlagsController;
