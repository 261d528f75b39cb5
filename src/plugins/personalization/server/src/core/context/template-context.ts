import type { CallerInput, ParameterValue } from '../templates/types';
import { deviceFromUserAgent } from './device';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export interface EntryView {
  documentId?: string;
  fields?: Record<string, unknown>;
  tags?: string[];
}

export interface FlagView {
  enabled: boolean;
  variant: string | null;
  payload: unknown;
}

export interface TemplateContextInput {
  caller: CallerInput;
  entry: EntryView;
  params: Record<string, ParameterValue>;
  variants: string[];
  flag: FlagView;
  /** User attributes an admin allows templates to read; everything else stays out of the context. */
  userAttributes: readonly string[];
  now: Date;
}

export interface TemplateContext {
  /** What every template and partial sees (user, visitor, request, entry…). */
  globals: Record<string, unknown>;
  /** The rule template's own scope: `params`, and each parameter by name for partial-style use. */
  scope: Record<string, unknown>;
}

const pick = (source: Record<string, unknown> | undefined, names: readonly string[]) =>
  Object.fromEntries(
    names
      .filter((name) => source && Object.prototype.hasOwnProperty.call(source, name))
      .map((name) => [name, source?.[name]])
  );

/** Builds the plain objects a template renders with, from the caller and the entry. */
export const buildTemplateContext = (input: TemplateContextInput): TemplateContext => {
  const { caller, now } = input;
  const requestTime = caller.time ? new Date(caller.time) : now;
  const time = Number.isNaN(requestTime.getTime()) ? now : requestTime;
  const fields = { ...(input.entry.fields ?? {}) };
  return {
    globals: {
      user: {
        id: caller.user ? String(caller.user.id) : null,
        authenticated: caller.user !== undefined,
        attributes: pick(caller.user?.attributes, input.userAttributes),
      },
      visitor: { id: caller.visitorId ?? null, traits: { ...(caller.traits ?? {}) } },
      segments: [...(caller.segments ?? [])],
      request: {
        locale: caller.locale ?? null,
        device: deviceFromUserAgent(caller.userAgent),
        time: time.toISOString(),
        weekday: WEEKDAYS[time.getUTCDay()],
        hour: time.getUTCHours(),
      },
      entry: { ...fields, documentId: input.entry.documentId ?? null, tags: [...(input.entry.tags ?? [])] },
      variants: [...input.variants],
      flag: { ...input.flag },
    },
    scope: { ...input.params, params: { ...input.params } },
  };
};
