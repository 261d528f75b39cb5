import type { CallerInput } from '../templates/types';

export const VISITOR_ID_HEADER = 'x-visitor-id';
export const VISITOR_TRAITS_HEADER = 'x-visitor-traits';
export const MAX_TRAITS_BYTES = 4096;

const VISITOR_ID = /^[A-Za-z0-9_-]{1,128}$/;
const TRAIT_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** A malformed caller header: the message names the header and what is wrong with it. */
export class CallerHeaderError extends Error {
  readonly header: string;

  constructor(header: string, problem: string) {
    super(`${header} header ${problem}`);
    this.name = 'CallerHeaderError';
    this.header = header;
  }
}

type HeaderValue = string | string[] | undefined;

const single = (name: string, value: HeaderValue): string | undefined => {
  if (Array.isArray(value)) {
    if (value.length > 1) throw new CallerHeaderError(name, 'must be sent once');
    return value[0];
  }
  return value;
};

const parseTraits = (raw: string): Record<string, string | number | boolean> => {
  if (Buffer.byteLength(raw, 'utf8') > MAX_TRAITS_BYTES) {
    throw new CallerHeaderError('X-Visitor-Traits', `must be at most ${MAX_TRAITS_BYTES} bytes`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new CallerHeaderError('X-Visitor-Traits', 'must be a JSON object');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CallerHeaderError('X-Visitor-Traits', 'must be a JSON object');
  }
  const traits: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (
      !TRAIT_NAME.test(name) ||
      name === '__proto__' ||
      name === 'constructor' ||
      name === 'prototype'
    ) {
      throw new CallerHeaderError(
        'X-Visitor-Traits',
        `has an invalid trait name "${name.slice(0, 64)}"`
      );
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new CallerHeaderError('X-Visitor-Traits', `trait "${name}" must be a finite number`);
    }
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw new CallerHeaderError(
        'X-Visitor-Traits',
        `trait "${name}" must be a string, number or boolean`
      );
    }
    traits[name] = value as string | number | boolean;
  }
  return traits;
};

export interface ResolvedCaller {
  caller: CallerInput;
  /** False when the request carried neither an authenticated user nor visitor headers. */
  identified: boolean;
}

/**
 * Who is calling (DESIGN §3): an authenticated user (server-side attributes, trusted), else an
 * anonymous visitor id, plus client-declared traits (untrusted). Throws CallerHeaderError on a
 * malformed header.
 */
export const resolveCaller = (input: {
  headers: Record<string, HeaderValue>;
  user?: { id: string | number; attributes: Record<string, unknown> } | null;
  locale?: string;
  userAgent?: string;
  now?: Date;
}): ResolvedCaller => {
  const visitorId = single('X-Visitor-Id', input.headers[VISITOR_ID_HEADER]);
  if (visitorId !== undefined && !VISITOR_ID.test(visitorId)) {
    throw new CallerHeaderError('X-Visitor-Id', 'must be 1-128 characters of A-Z a-z 0-9 _ -');
  }
  const rawTraits = single('X-Visitor-Traits', input.headers[VISITOR_TRAITS_HEADER]);
  const traits = rawTraits === undefined ? undefined : parseTraits(rawTraits);

  const caller: CallerInput = {
    user: input.user ? { id: input.user.id, attributes: input.user.attributes } : undefined,
    visitorId,
    traits,
    locale: input.locale,
    userAgent: input.userAgent,
    time: input.now?.toISOString(),
  };
  return {
    caller,
    identified: Boolean(input.user) || visitorId !== undefined || traits !== undefined,
  };
};
