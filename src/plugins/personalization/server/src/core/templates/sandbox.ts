import { Liquid, type Template } from 'liquidjs';
import { LRUCache } from 'lru-cache';
import { createLibraryFs } from './library-fs';
import { dynamicPartialMessage, dynamicPartials } from './partial-references';
import { hasTag, inSegment } from './plugin-filters';
import type { RenderBudget } from './render-budget';
import { sourceHash } from './source-hash';
import type { TemplateLibrary } from './template-library';
import type { SandboxLimits, TemplateSource } from './types';
import { capturedVariant, startVariantCapture, VariantTag } from './variant-tag';

export interface RenderSuccess {
  ok: true;
  /** The variant key chosen: the last `{% variant %}` run, else the trimmed output, else null. */
  variant: string | null;
  output: string;
  durationMs: number;
}

export interface RenderFailure {
  ok: false;
  error: string;
  /** The render ran into a resource bound (time, memory, output, the request's budget). */
  limit: boolean;
  durationMs: number;
}

export type RenderOutcome = RenderSuccess | RenderFailure;

export interface CacheStats {
  hits: number;
  misses: number;
  size: number;
}

export interface Sandbox {
  readonly engine: Liquid;
  readonly limits: SandboxLimits;
  /** Parses a body; throws liquidjs' ParseError/TokenizationError (with a token position). */
  parse(body: string): Template[];
  /**
   * The parsed form of a stored version, from an LRU keyed by its content hash. Throws for a body
   * that names partials at render time (stored before that was refused).
   */
  compiled(source: TemplateSource): Template[];
  /** Renders within the per-render limits and what is left of the request's budget. */
  render(
    templates: Template[],
    scope: object,
    globals: object,
    budget?: RenderBudget
  ): RenderOutcome;
  cacheStats(): CacheStats;
}

const LIMIT_MESSAGE = /limit exceeded|budget|longer than/i;

const errorMessage = (error: unknown): string => {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return 'template recursion is too deep';
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
};

/** The locked-down liquidjs engine; parsed partials are cached per content hash. */
const createEngine = (
  library: () => TemplateLibrary,
  limits: SandboxLimits,
  cacheSize: number
): Liquid => {
  const partialCache = new LRUCache<string, Template[]>({ max: cacheSize });
  // liquidjs caches parsed partials under `<lookup type>:<name>`; adding the partial's current
  // content hash means an updated (or deleted and re-created) partial is parsed afresh.
  const partialCacheKey = (key: string): string => {
    const source = library().latest(key.slice(key.indexOf(':') + 1));
    return `${key}#${source ? sourceHash(source) : 'missing'}`;
  };
  const engine = new Liquid({
    fs: createLibraryFs(library),
    root: [''],
    partials: [''],
    layouts: [''],
    extname: '',
    relativeReference: false,
    dynamicPartials: true,
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: false,
    parseLimit: limits.parseLimit,
    renderLimit: limits.renderLimitMs,
    memoryLimit: limits.memoryLimit,
    cache: {
      read: (key: string) => partialCache.get(partialCacheKey(key)),
      write: (key: string, value: Template[]) => {
        partialCache.set(partialCacheKey(key), value);
      },
      remove: (key: string) => {
        partialCache.delete(partialCacheKey(key));
      },
    },
  });
  engine.registerFilter('has_tag', hasTag);
  engine.registerFilter('in_segment', inSegment);
  engine.registerTag('variant', VariantTag);
  return engine;
};

/**
 * A liquidjs engine locked down for untrusted templates: partials only from the library, by literal
 * name, own properties only (no `constructor`, no `__proto__`), unknown filters rejected, and
 * parse, render time, memory and output limits, plus a time budget shared by a request's renders.
 */
export const createSandbox = (options: {
  library: () => TemplateLibrary;
  limits: SandboxLimits;
  compiledCacheSize?: number;
}): Sandbox => {
  const { limits } = options;
  const engine = createEngine(options.library, limits, options.compiledCacheSize ?? 500);
  const compiledCache = new LRUCache<string, Template[]>({ max: options.compiledCacheSize ?? 500 });
  const stats = { hits: 0, misses: 0 };

  const failure = (error: string, limit: boolean, durationMs: number): RenderFailure => ({
    ok: false,
    error,
    limit,
    durationMs,
  });

  return {
    engine,
    limits,
    parse: (body) => engine.parse(body),
    compiled(source) {
      const key = sourceHash(source);
      const cached = compiledCache.get(key);
      if (cached) {
        stats.hits += 1;
        return cached;
      }
      stats.misses += 1;
      const parsed = engine.parse(source.body);
      const [dynamic] = dynamicPartials(parsed);
      if (dynamic) throw new Error(dynamicPartialMessage(dynamic.tag));
      compiledCache.set(key, parsed);
      return parsed;
    },
    render(templates, scope, globals, budget) {
      const left = budget ? budget.remainingMs() : limits.renderLimitMs;
      if (left <= 0) {
        // Not counted as this template's limit: the time went to the request's other renders.
        return failure(
          `the request's render budget of ${budget?.totalMs ?? 0} ms is spent`,
          false,
          0
        );
      }
      const started = performance.now();
      startVariantCapture(globals);
      try {
        const output = engine.renderSync(templates, scope, {
          globals,
          renderLimit: Math.min(limits.renderLimitMs, left),
        }) as string;
        if (output.length > limits.outputLimit) {
          throw new Error(`output is longer than ${limits.outputLimit} characters`);
        }
        const variant = capturedVariant(globals) ?? (output.trim() || null);
        return { ok: true, variant, output, durationMs: performance.now() - started };
      } catch (error) {
        const message = errorMessage(error);
        return failure(message, LIMIT_MESSAGE.test(message), performance.now() - started);
      } finally {
        budget?.spend(performance.now() - started);
      }
    },
    cacheStats: () => ({ ...stats, size: compiledCache.size }),
  };
};
