import type { Core } from '@strapi/strapi';
import { seedDemoContent } from './seed/demo-content';
import { seedDemoPersonalization } from './seed/demo-personalization';
import { grantReadAccess } from './seed/public-permissions';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    for (const role of ['public', 'authenticated'] as const) {
      const granted = await grantReadAccess(strapi, role);
      if (granted.length > 0) {
        strapi.log.info(`Granted the ${role} role: ${granted.join(', ')}`);
      }
    }

    if (process.env.SEED_DEMO_CONTENT === 'false') {
      strapi.log.info('Demo content seeding is off (SEED_DEMO_CONTENT=false)');
      return;
    }
    const result = await seedDemoContent(strapi);
    if (result.seeded) {
      strapi.log.info(
        `Seeded ${result.articles} demo articles and ${result.promotions} promotions`
      );
    }
    if (process.env.SEED_DEMO_RULES === 'false') return;
    try {
      if (await seedDemoPersonalization(strapi)) {
        strapi.log.info('Seeded the demo segment, variants, templates and rules (flags on)');
      }
    } catch (error) {
      // The app still serves its content; the demo rules can be made again through the API.
      strapi.log.error(`Could not seed the demo personalization: ${String(error)}`);
    }
  },
};
