import type { Core } from '@strapi/strapi';
import { seedDemoContent } from './seed/demo-content';
import { grantPublicReadAccess } from './seed/public-permissions';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const granted = await grantPublicReadAccess(strapi);
    if (granted.length > 0) {
      strapi.log.info(`Granted the public role: ${granted.join(', ')}`);
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
  },
};
