import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../../config';
import { deviceFromUserAgent } from '../../core/context/device';
import { banditScopeOf } from '../../core/experiments/bandit';
import type { Decision } from '../../core/rules';
import { getService } from '../../utils/get-service';
import type { AudienceContext } from '../audience/audience';
import type { ServedExperiment } from '../experiments/assignments';
import type { KoaRequestContext } from './types';

/**
 * A caller's findOne of an entry counts as a view when they consented to analytics (and reads are
 * tracked). A storage failure is logged: the reader still gets the content.
 */
export const createReadRecorder =
  (strapi: Core.Strapi, config: PluginConfig) =>
  async (
    audience: AudienceContext,
    uid: string,
    documentId: string,
    request: KoaRequestContext
  ): Promise<void> => {
    if (!config.audience.events.trackReads || !audience.consent.analytics) return;
    const now = new Date();
    try {
      await getService(strapi, 'audienceEvents').ingest({
        key: audience.key,
        subject: audience.subject,
        // One view per entry per minute: re-reads and retries within the minute count once.
        events: [
          {
            id: `read:${uid}:${documentId}:${Math.floor(now.getTime() / 60_000)}`,
            type: 'view',
            entry: { uid, documentId },
            timestamp: now.toISOString(),
            sessionId: `read-${now.toISOString().slice(0, 10)}`,
          },
        ],
        device: deviceFromUserAgent(request.get('user-agent') || undefined),
      });
    } catch (error) {
      strapi.log.error(`[personalization] could not record a read: ${String(error)}`);
    }
  };

/** The running experiments of the type the decisions served, once each. */
const servedExperiments = (
  strapi: Core.Strapi,
  uid: string,
  audience: AudienceContext,
  served: Array<{ decision: Decision }>
): ServedExperiment[] => {
  const running = getService(strapi, 'experiments').runningOn(uid);
  const seen = new Map<string, ServedExperiment>();
  for (const { decision } of served) {
    const ref = decision.experiment;
    const experiment = ref ? running.find((candidate) => candidate.name === ref.name) : undefined;
    if (ref && experiment && !seen.has(experiment.id)) {
      seen.set(experiment.id, {
        experimentId: experiment.id,
        phase: ref.phase,
        arm: ref.arm,
        // The bandit whose weights assigned this caller: per-segment reweights count them there.
        ...(experiment.bandit
          ? { banditSegment: banditScopeOf(experiment.bandit.config, audience.segments) }
          : {}),
      });
    }
  }
  return [...seen.values()];
};

/**
 * The experiments the caller was just served: their arm is stored (sticky from now on) and,
 * with analytics consent, their first exposure in the phase. A storage failure is logged: the
 * reader still gets the content.
 */
export const createExposureRecorder =
  (strapi: Core.Strapi) =>
  async (
    uid: string,
    audience: AudienceContext,
    served: Array<{ decision: Decision }>
  ): Promise<void> => {
    const experiments = servedExperiments(strapi, uid, audience, served);
    if (experiments.length === 0) return;
    try {
      await getService(strapi, 'experimentAssignments').record(
        audience.key,
        experiments,
        audience.consent.analytics
      );
    } catch (error) {
      strapi.log.error(`[personalization] could not record experiment exposures: ${String(error)}`);
    }
  };
