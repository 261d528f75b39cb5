import type { Core, UID } from '@strapi/strapi';
import {
  EXPERIMENT_UID,
  FLAG_UID,
  RULE_UID,
  SEGMENT_UID,
  TEMPLATE_UID,
  TEMPLATE_VERSION_UID,
} from '../records/uids';
import { recommendedEntries } from '../controllers/recommendations';
import { parseOrThrow } from '../controllers/tagging-validation';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import { toStrapiError } from '../utils/http-errors';
import {
  recommendationParamsSchema,
  recommendationQuerySchema,
} from '../validation/recommendations-input';

/** The slice of nexus the extension uses (the GraphQL plugin passes its own nexus instance). */
interface ObjectDefinition {
  string(name: string): void;
  int(name: string): void;
  float(name: string): void;
  boolean(name: string): void;
  field(
    name: string,
    config: {
      type: unknown;
      args?: Record<string, unknown>;
      resolve?: (
        parent: Record<string, unknown>,
        args: Record<string, unknown>,
        context: { koaContext: unknown }
      ) => unknown;
    }
  ): void;
  nonNull: ObjectDefinition;
  list: ObjectDefinition;
}

interface Nexus {
  objectType(config: { name: string; definition(t: ObjectDefinition): void }): unknown;
  extendType(config: { type: string; definition(t: ObjectDefinition): void }): unknown;
  nonNull(type: unknown): unknown;
  list(type: unknown): unknown;
  stringArg(): unknown;
  intArg(): unknown;
}

/** The part of the graphql plugin's extension service used here (a type: services are index-typed). */
type GraphqlExtension = {
  shadowCRUD(uid: string): { disable(): void };
  use(
    configure: (context: { nexus: Nexus }) => {
      types: unknown[];
      resolversConfig: Record<string, unknown>;
    }
  ): void;
};

interface GraphqlNaming {
  getTypeName(contentType: unknown): string;
}

/** The parts of PersonalizationInfo: rule, flag, experiment, tag and recommendation. */
const valueTypes = (nexus: Nexus): unknown[] => [
  nexus.objectType({
    name: 'PersonalizationRule',
    definition(t) {
      t.nonNull.string('name');
      t.int('version');
    },
  }),
  nexus.objectType({
    name: 'PersonalizationFlag',
    definition(t) {
      t.nonNull.string('name');
      t.nonNull.boolean('enabled');
      t.string('variant');
    },
  }),
  nexus.objectType({
    name: 'PersonalizationExperiment',
    definition(t) {
      t.nonNull.string('name');
      t.nonNull.string('arm');
      t.nonNull.int('phase');
    },
  }),
  nexus.objectType({
    name: 'PersonalizationTag',
    definition(t) {
      t.nonNull.string('label');
      t.nonNull.string('type');
      t.nonNull.float('confidence');
      t.nonNull.string('source');
      t.nonNull.string('status');
    },
  }),
  nexus.objectType({
    name: 'PersonalizationRecommendation',
    definition(t) {
      t.nonNull.float('score');
      t.nonNull.list.nonNull.string('reasons');
      t.nonNull.string('list');
    },
  }),
];

/** `personalizationRecommendations(uid, limit)`: the caller's list, as GET /recommendations/:uid. */
const recommendationTypes = (strapi: Core.Strapi, nexus: Nexus): unknown[] => [
  nexus.objectType({
    name: 'PersonalizationRecommendedEntry',
    definition(t) {
      t.nonNull.string('documentId');
      t.nonNull.field('entry', { type: 'JSON', resolve: (parent) => parent });
      t.field('personalization', {
        type: 'PersonalizationInfo',
        resolve: (parent) => parent.personalization ?? null,
      });
    },
  }),
  nexus.objectType({
    name: 'PersonalizationRecommendations',
    definition(t) {
      t.nonNull.string('list');
      t.nonNull.boolean('personalized');
      t.nonNull.list.nonNull.field('items', { type: 'PersonalizationRecommendedEntry' });
    },
  }),
  nexus.extendType({
    type: 'Query',
    definition(t) {
      t.field('personalizationRecommendations', {
        type: nexus.nonNull('PersonalizationRecommendations'),
        args: { uid: nexus.nonNull(nexus.stringArg()), limit: nexus.intArg() },
        resolve: async (_parent, args, context) => {
          const { uid } = parseOrThrow(recommendationParamsSchema, { uid: args.uid }, 'uid');
          const { maxLimit } = getPluginConfig(strapi).recommendations;
          const { limit } = parseOrThrow(
            recommendationQuerySchema(maxLimit),
            args.limit === null || args.limit === undefined ? {} : { limit: args.limit },
            'limit'
          );
          try {
            const result = await recommendedEntries(
              strapi,
              context.koaContext as Parameters<typeof recommendedEntries>[1],
              uid,
              limit
            );
            return {
              list: result.list,
              personalized: result.personalized,
              items: result.entries,
            };
          } catch (error) {
            throw toStrapiError(error);
          }
        },
      });
    },
  }),
];

const infoType = (nexus: Nexus): unknown =>
  nexus.objectType({
    name: 'PersonalizationInfo',
    definition(t) {
      t.string('variant');
      t.nonNull.string('reason');
      t.field('rule', { type: 'PersonalizationRule' });
      t.field('flag', { type: 'PersonalizationFlag' });
      t.field('experiment', { type: 'PersonalizationExperiment' });
      t.field('recommendation', { type: 'PersonalizationRecommendation' });
      t.nonNull.list.nonNull.field('tags', { type: 'PersonalizationTag' });
    },
  });

/** `personalization: PersonalizationInfo` on the GraphQL type of each type with variants. */
const personalizationFields = (nexus: Nexus, typeNames: string[]): unknown[] =>
  typeNames.map((typeName) =>
    nexus.extendType({
      type: typeName,
      definition(t) {
        t.field('personalization', {
          type: 'PersonalizationInfo',
          resolve: (parent) => parent.personalization ?? null,
        });
      },
    })
  );

/**
 * Adds `personalization: PersonalizationInfo` to the GraphQL type of every type that opts in to
 * variants. The values come from the same document-service middleware as REST, so GraphQL answers
 * each caller (same headers, same JWT) with the same variant.
 */
export const registerGraphql = (strapi: Core.Strapi): void => {
  if (!strapi.plugin('graphql')) return;
  const extension = strapi.plugin('graphql').service<GraphqlExtension>('extension');
  const { naming } = strapi.plugin('graphql').service<{ naming: GraphqlNaming }>('utils');
  const typeNames = getService(strapi, 'optIns')
    .list()
    .filter((optIn) => optIn.variants)
    .map((optIn) => naming.getTypeName(strapi.contentType(optIn.uid as UID.ContentType)));

  // Templates, rules and flags are managed over /api/personalization with an API token, not GraphQL.
  for (const uid of [
    TEMPLATE_UID,
    TEMPLATE_VERSION_UID,
    RULE_UID,
    FLAG_UID,
    SEGMENT_UID,
    EXPERIMENT_UID,
  ]) {
    extension.shadowCRUD(uid).disable();
  }

  extension.use(({ nexus }) => ({
    types: [
      ...valueTypes(nexus),
      ...recommendationTypes(strapi, nexus),
      infoType(nexus),
      ...personalizationFields(nexus, typeNames),
    ],
    resolversConfig: {
      ...Object.fromEntries(
        typeNames.map((typeName) => [`${typeName}.personalization`, { auth: false }])
      ),
      // Visitors must reach it, as the REST route: the caller is checked by the resolver.
      'Query.personalizationRecommendations': { auth: false },
    },
  }));
};
