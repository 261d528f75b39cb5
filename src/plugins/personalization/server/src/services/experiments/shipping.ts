import type { Core } from '@strapi/strapi';
import type { ExperimentRow } from '../../records/types';
import { RULE_UID, TEMPLATE_UID } from '../../records/uids';
import { getService } from '../../utils/get-service';

/** The template, rule and (with its prefix) flag that serve an experiment's shipped arm. */
export const shippedRuleName = (experimentName: string): string =>
  `experiment-${experimentName}`.slice(0, 100);

/**
 * "Ship arm X": the experiment's entries get X from a rule, as any rule gives a variant: a
 * template that chooses X (with a test case that says so), a rule on the experiment's entry filter
 * above every other, and its flag switched on for everyone.
 */
const createExperimentShippingService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async ship(experiment: ExperimentRow, arm: string): Promise<{ rule: string; template: string }> {
    const name = shippedRuleName(experiment.name);
    const templates = getService(strapi, 'templates');
    const rules = getService(strapi, 'rules');
    const body = `{% variant '${arm}' %}`;
    const testCases = [{ name: `ships ${arm}`, variants: [arm], expected: arm }];
    const template = await strapi.db.query(TEMPLATE_UID).findOne({ where: { name } });
    if (!template) {
      await templates.create({
        name,
        description: `Ships arm "${arm}" of experiment "${experiment.name}"`,
        body,
        testCases,
      });
    } else if ((template as { body: string }).body !== body) {
      await templates.update(name, { body, testCases, note: `ship ${arm}` });
    }
    const rule = {
      contentType: experiment.contentType,
      entryFilter: experiment.entryFilter,
      template: name,
      templateVersion: null,
      priority: 1_000_000,
      status: 'active' as const,
    };
    if (await strapi.db.query(RULE_UID).findOne({ where: { name } })) {
      await rules.update(name, rule);
    } else {
      await rules.create({
        name,
        description: `Winner of experiment "${experiment.name}"`,
        ...rule,
      });
    }
    await getService(strapi, 'flags').update(`personalization.${name}`, { enabled: true });
    return { rule: name, template: name };
  },
});

export type ExperimentShippingService = ReturnType<typeof createExperimentShippingService>;
export default createExperimentShippingService;
