import { z } from 'zod';

const int = (min: number, max: number) => z.number().int().min(min).max(max);
/**
 * Cron expressions as Strapi's cron (croner) reads them: five fields, or six with seconds first
 * (tests fire jobs every few seconds that way).
 */
export const cron = z
  .string()
  .regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron expression such as "0 3 * * *"');

/** The `audience` section: events, consent, profiles, segments, retention. Unknown keys are rejected. */
export const audienceConfigSchema = z
  .object({
    /**
     * Secret of the HMAC that pseudonymizes caller ids in stored rows. Null derives one from the
     * app's APP_KEYS; set it explicitly so a key rotation does not orphan stored profiles.
     */
    secret: z.string().min(16, 'must be at least 16 characters').nullable(),
    events: z
      .object({
        maxBatch: int(1, 1000),
        /** A body larger than this is answered 413 before it is read into events. */
        maxBodyBytes: int(1024, 10 * 1024 * 1024),
        maxAgeHours: int(1, 24 * 366),
        maxFutureSeconds: int(0, 86_400),
        /** Requests a caller may make to the events endpoint per window before 429. */
        rateLimit: z
          .object({ requests: int(1, 1_000_000), windowSeconds: int(1, 86_400) })
          .strict(),
        /** A caller's findOne of an opted-in entry counts as a view (with analytics consent). */
        trackReads: z.boolean(),
      })
      .strict(),
    /** What a caller who never answered is assumed to have consented to. */
    consentDefaults: z.object({ personalization: z.boolean(), analytics: z.boolean() }).strict(),
    profiles: z
      .object({
        halfLifeDays: z.number().positive().max(3650),
        /** How long an instance reuses a caller's profile, consent and segments on reads. */
        cacheTtlMs: int(0, 3_600_000),
      })
      .strict(),
    clustering: z
      .object({
        enabled: z.boolean(),
        cron,
        /** Number of clusters, or "auto" to pick 2–8 by the silhouette score. */
        k: z.union([int(1, 50), z.literal('auto')]),
        topTags: int(0, 50),
        /** Below this many profiles a run is skipped. */
        minProfiles: int(2, 1_000_000),
        seed: z.number().int(),
      })
      .strict(),
    retention: z
      .object({
        /** Events older than this are deleted by the daily job. */
        days: int(1, 3650),
        cron,
      })
      .strict(),
  })
  .strict();

export type AudienceConfig = z.infer<typeof audienceConfigSchema>;

export const defaultAudienceConfig: AudienceConfig = {
  secret: null,
  events: {
    maxBatch: 100,
    maxBodyBytes: 64 * 1024,
    maxAgeHours: 7 * 24,
    maxFutureSeconds: 300,
    rateLimit: { requests: 60, windowSeconds: 60 },
    trackReads: true,
  },
  consentDefaults: { personalization: true, analytics: false },
  profiles: { halfLifeDays: 30, cacheTtlMs: 5000 },
  clustering: {
    enabled: true,
    cron: '30 3 * * *',
    k: 'auto',
    topTags: 8,
    minProfiles: 10,
    seed: 42,
  },
  retention: { days: 180, cron: '0 3 * * *' },
};
