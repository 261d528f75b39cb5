import type { Core } from '@strapi/strapi';
import {
  buildFeatures,
  clusterProfiles,
  compareAssignments,
  standardize,
} from '../../core/audience/segmentation';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { getService } from '../../utils/get-service';
import { CLUSTER_PREFIX } from './segments';
import { AUDIENCE_TABLES, toNumber } from '../../tables/audience';

export interface ClusteringRun {
  id: number;
  ranAt: string;
  k: number;
  profiles: number;
  silhouette: number | null;
  /** Adjusted Rand Index against the previous run, over the callers both runs clustered. */
  ari: number | null;
  compared: number;
  sizes: Record<string, number>;
  features: string[];
}

interface RunRow {
  id: number;
  ran_at: number | string;
  k: number;
  profiles: number;
  silhouette: number | null;
  ari: number | null;
  compared: number;
  sizes: string;
  features: string;
}

const present = (row: RunRow): ClusteringRun => ({
  id: row.id,
  ranAt: new Date(toNumber(row.ran_at)).toISOString(),
  k: row.k,
  profiles: row.profiles,
  silhouette: row.silhouette === null ? null : Number(row.silhouette),
  ari: row.ari === null ? null : Number(row.ari),
  compared: row.compared,
  sizes: JSON.parse(row.sizes) as Record<string, number>,
  features: JSON.parse(row.features) as string[],
});

/** Every stored profile as the clustering features read it. */
const featureInputs = async (strapi: Core.Strapi) => {
  const profiles = getService(strapi, 'profiles');
  const inputs = [];
  for await (const page of profiles.all()) {
    for (const { key, profile } of page) {
      const view = profiles.view(profile);
      inputs.push({
        key,
        recencyDays: view.recencyDays ?? 0,
        frequency: view.frequency,
        monetary: view.monetary,
        affinities: view.affinities,
        device: view.device,
      });
    }
  }
  return inputs;
};

/**
 * ML segments: K-Means over standardized profile features (RFM, top tag affinities, device), run
 * daily on Strapi's cron or on demand. Each run replaces the `cluster-<n>` segments and records
 * its sizes, silhouette and the ARI against the previous run's assignment.
 */
const createClusteringService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getPluginConfig(strapi).audience.clustering;
  let running: Promise<ClusteringRun | { skipped: string }> | null = null;

  const execute = async (): Promise<ClusteringRun | { skipped: string }> => {
    const inputs = await featureInputs(strapi);
    if (inputs.length < config.minProfiles) {
      return {
        skipped: `${inputs.length} profiles, fewer than minProfiles (${config.minProfiles})`,
      };
    }
    const features = buildFeatures(inputs, { topTags: config.topTags });
    const clustered = await clusterProfiles(standardize(features.rows).rows, {
      k: config.k === 'auto' ? 'auto' : Math.min(config.k, features.rows.length),
      seed: config.seed,
    });
    const current = new Map(
      features.keys.map((key, index) => [
        key,
        `${CLUSTER_PREFIX}${clustered.assignments[index] + 1}`,
      ])
    );
    const segments = getService(strapi, 'segments');
    const { ari, common } = compareAssignments(await segments.clusterAssignments(), current);
    const sizes: Record<string, number> = {};
    for (const segment of current.values()) sizes[segment] = (sizes[segment] ?? 0) + 1;

    const id = await strapi.db.connection.transaction(async (trx) => {
      await segments.replaceClusters(trx, current);
      const [inserted] = (await trx(AUDIENCE_TABLES.clusteringRuns)
        .insert({
          ran_at: Date.now(),
          k: clustered.k,
          profiles: inputs.length,
          silhouette: clustered.silhouette,
          ari,
          compared: common,
          sizes: JSON.stringify(sizes),
          features: JSON.stringify(features.names),
        })
        .returning('id')) as Array<number | { id: number }>;
      return typeof inserted === 'number' ? inserted : inserted.id;
    });
    getService(strapi, 'audience').clear();
    const row = (await strapi.db
      .connection(AUDIENCE_TABLES.clusteringRuns)
      .where({ id })
      .first()) as RunRow;
    return present(row);
  };

  const service = {
    /** One run at a time: a second call while one runs gets the same result. */
    run(): Promise<ClusteringRun | { skipped: string }> {
      running ??= execute().finally(() => {
        running = null;
      });
      return running;
    },

    async history(limit = 50): Promise<ClusteringRun[]> {
      const rows = (await strapi.db
        .connection(AUDIENCE_TABLES.clusteringRuns)
        .orderBy('id', 'desc')
        .limit(limit)) as RunRow[];
      return rows.map(present);
    },

    /** Once per schedule across instances. */
    schedule(): void {
      if (!config.enabled) return;
      getService(strapi, 'scheduledJobs').add('clustering', config.cron, () => service.run());
    },
  };
  return service;
};

export type ClusteringService = ReturnType<typeof createClusteringService>;
export default createClusteringService;
