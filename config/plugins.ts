import type { Core } from '@strapi/strapi';

type EnvFn = Core.Config.Shared.ConfigParams['env'];

export default ({ env }: { env: EnvFn }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  personalization: {
    enabled: env.bool('PERSONALIZATION_ENABLED', true),
    resolve: './src/plugins/personalization',
    config: {
      delivery: {
        enabled: env.bool('PERSONALIZATION_DELIVERY_ENABLED', true),
      },
      rules: {
        userAttributes: env.array('PERSONALIZATION_USER_ATTRIBUTES', []),
      },
      cache: {
        enabled: env.bool('PERSONALIZATION_CACHE_ENABLED', true),
        redisUrl: env('REDIS_URL', '') || null,
        redisKeyPrefix: env('PERSONALIZATION_REDIS_PREFIX'),
        responses: {
          enabled: env.bool('PERSONALIZATION_RESPONSE_CACHE_ENABLED', true),
          maxEntries: env.int('PERSONALIZATION_RESPONSE_CACHE_SIZE', 2000),
        },
      },
      metrics: {
        enabled: env.bool('PERSONALIZATION_METRICS_ENABLED', false),
        bearerSecret: env('PERSONALIZATION_METRICS_SECRET', '') || null,
      },
      flags: {
        // A real Unleash server when both are set; otherwise the plugin's local flags.
        unleash:
          env('UNLEASH_URL') && env('UNLEASH_API_TOKEN')
            ? {
                url: env('UNLEASH_URL'),
                apiToken: env('UNLEASH_API_TOKEN'),
                refreshIntervalMs: env.int('UNLEASH_REFRESH_INTERVAL_MS', 15000),
                timeoutMs: env.int('UNLEASH_TIMEOUT_MS', 5000),
              }
            : null,
      },
      // Unset variables fall back to the plugin defaults (server/src/config/schema.ts).
      shadow: {
        sampleRate: env.float('PERSONALIZATION_SHADOW_SAMPLE_RATE'),
        flushMs: env.int('PERSONALIZATION_SHADOW_FLUSH_MS'),
      },
      bandits: { cron: env('PERSONALIZATION_BANDITS_CRON') },
      // Unset variables fall back to the plugin defaults (server/src/config/tagging-schema.ts).
      tagging: {
        enabled: env.bool('PERSONALIZATION_TAGGING_ENABLED', true),
        concurrency: env.int('PERSONALIZATION_TAGGING_CONCURRENCY'),
        modelsDir: env('PERSONALIZATION_MODELS_DIR'),
        allowRemoteModels: env.bool('PERSONALIZATION_ALLOW_REMOTE_MODELS', false),
        // 'offline' selects the rule-based NER; unset keeps the bundled trained model.
        nerModel:
          env('PERSONALIZATION_NER_MODEL') === 'offline' ? null : env('PERSONALIZATION_NER_MODEL'),
        embeddingModel:
          env('PERSONALIZATION_EMBEDDING_MODEL') === 'none'
            ? null
            : env('PERSONALIZATION_EMBEDDING_MODEL'),
        maxAttempts: env.int('PERSONALIZATION_TAGGING_MAX_ATTEMPTS'),
        backoffMs: env.int('PERSONALIZATION_TAGGING_BACKOFF_MS'),
        pollIntervalMs: env.int('PERSONALIZATION_TAGGING_POLL_MS'),
        leaseMs: env.int('PERSONALIZATION_TAGGING_LEASE_MS'),
        rescanPauseMs: env.int('PERSONALIZATION_TAGGING_RESCAN_PAUSE_MS'),
        settleMs: env.int('PERSONALIZATION_TAGGING_SETTLE_MS'),
        maxTextLength: env.int('PERSONALIZATION_TAGGING_MAX_TEXT'),
      },
      // Unset variables fall back to the plugin defaults (server/src/config/audience-schema.ts).
      audience: {
        secret: env('PERSONALIZATION_AUDIENCE_SECRET') || null,
        events: {
          rateLimit: {
            requests: env.int('PERSONALIZATION_EVENTS_RATE_LIMIT'),
            windowSeconds: env.int('PERSONALIZATION_EVENTS_RATE_WINDOW_SECONDS'),
          },
          trackReads: env.bool('PERSONALIZATION_TRACK_READS'),
        },
        consentDefaults: {
          personalization: env.bool('PERSONALIZATION_CONSENT_DEFAULT_PERSONALIZATION'),
          analytics: env.bool('PERSONALIZATION_CONSENT_DEFAULT_ANALYTICS'),
        },
        clustering: {
          enabled: env.bool('PERSONALIZATION_CLUSTERING_ENABLED'),
          minProfiles: env.int('PERSONALIZATION_CLUSTERING_MIN_PROFILES'),
          cron: env('PERSONALIZATION_CLUSTERING_CRON'),
        },
        retention: {
          days: env.int('PERSONALIZATION_RETENTION_DAYS'),
          cron: env('PERSONALIZATION_RETENTION_CRON'),
        },
      },
      // Unset variables fall back to the plugin defaults (server/src/config/privacy-schema.ts).
      privacy: {
        audit: { retentionDays: env.int('PERSONALIZATION_AUDIT_RETENTION_DAYS') },
        retention: {
          // "conversion:365,view:90": days per event type.
          eventTypes: Object.fromEntries(
            env
              .array('PERSONALIZATION_RETENTION_EVENT_TYPES', [])
              .map((pair) => pair.split(':'))
              .map(([type, days]) => [type.trim(), Number(days)])
          ),
          purposes: {
            personalization: env.int('PERSONALIZATION_RETENTION_PERSONALIZATION_DAYS'),
            experiments: env.int('PERSONALIZATION_RETENTION_EXPERIMENTS_DAYS'),
            consentRecords: env.int('PERSONALIZATION_RETENTION_CONSENT_RECORDS_DAYS'),
          },
        },
        reports: {
          budget: { epsilon: env.float('PERSONALIZATION_REPORTS_BUDGET_EPSILON') },
          minCount: env.int('PERSONALIZATION_REPORTS_MIN_COUNT'),
          seed: env.int('PERSONALIZATION_REPORTS_SEED'),
        },
      },
      // Unset variables fall back to the plugin defaults (server/src/config/recommendations-schema.ts).
      recommendations: {
        explorationShare: env.float('PERSONALIZATION_RECOMMENDATIONS_EXPLORATION'),
        modelTtlMs: env.int('PERSONALIZATION_RECOMMENDATIONS_MODEL_TTL_MS'),
        audit: {
          enabled: env.bool('PERSONALIZATION_FEEDBACK_AUDIT_ENABLED'),
          entropyDropWarning: env.float('PERSONALIZATION_FEEDBACK_AUDIT_ENTROPY_DROP'),
        },
      },
    },
  },
});
