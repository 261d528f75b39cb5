import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { createRuleSchema, updateRuleSchema } from '../validation/rule-input';
import { crudController } from './crud-controller';

const createRulesController = ({ strapi }: { strapi: Core.Strapi }) =>
  crudController(() => getService(strapi, 'rules'), {
    create: createRuleSchema,
    update: updateRuleSchema,
  });

export default createRulesController;
