import { createFixtureApp, type FixtureApp } from '../helpers/fixture-app';
import { startStrapi } from '../helpers/strapi';

const ARTICLE_SCHEMA = 'dist/src/api/article/content-types/article/schema.json';

type Schema = {
  pluginOptions: { personalization: Record<string, unknown> };
  attributes: Record<string, unknown>;
};

/** Boots a fixture app and returns the error that stopped it, failing the test if it booted. */
const bootError = async (fixture: FixtureApp): Promise<Error> => {
  let booted;
  try {
    booted = await startStrapi({ appDir: fixture.appDir, env: { SEED_DEMO_CONTENT: 'false' } });
  } catch (error) {
    return error as Error;
  }
  await booted.destroy();
  throw new Error('expected the fixture app to stop at boot, but it started');
};

describe('boot stops on a wrong opt-in or plugin config', () => {
  let fixture: FixtureApp;

  beforeEach(() => {
    fixture = createFixtureApp();
  });

  afterEach(() => {
    fixture.remove();
  });

  it('names the type and the field when tagging.fields lists a field that does not exist', async () => {
    fixture.editJson(ARTICLE_SCHEMA, (json) => {
      (json as Schema).pluginOptions.personalization.tagging = { fields: ['title', 'headline'] };
    });

    const error = await bootError(fixture);
    expect(error.message).toContain('api::article.article');
    expect(error.message).toContain('"headline"');
    expect(error.message).toMatch(/not an attribute/);
  });

  it('names the type and the field when tagging.fields lists a non-text field', async () => {
    fixture.editJson(ARTICLE_SCHEMA, (json) => {
      (json as Schema).pluginOptions.personalization.tagging = { fields: ['category'] };
    });

    const error = await bootError(fixture);
    expect(error.message).toMatch(/api::article\.article.*"category" of type "enumeration"/);
  });

  it('rejects an unknown opt-in key', async () => {
    fixture.editJson(ARTICLE_SCHEMA, (json) => {
      (json as Schema).pluginOptions.personalization.variant = true;
    });

    const error = await bootError(fixture);
    expect(error.message).toMatch(/api::article\.article: pluginOptions\.personalization/);
    expect(error.message).toContain('variant');
  });

  it('rejects a plugin config with a wrong type, naming the key', async () => {
    fixture.writeFile(
      'dist/config/plugins.js',
      `module.exports = () => ({
        personalization: {
          enabled: true,
          resolve: './src/plugins/personalization',
          config: { delivery: { enabled: 'yes' } },
        },
      });`
    );

    const error = await bootError(fixture);
    expect(error.message).toContain('personalization');
    expect(error.message).toContain('delivery.enabled');
  });

  it('rejects a plugin config with an unknown key', async () => {
    fixture.writeFile(
      'dist/config/plugins.js',
      `module.exports = () => ({
        personalization: {
          enabled: true,
          resolve: './src/plugins/personalization',
          config: { delivery: { enabled: true }, deliverry: {} },
        },
      });`
    );

    const error = await bootError(fixture);
    expect(error.message).toContain('deliverry');
  });
});
