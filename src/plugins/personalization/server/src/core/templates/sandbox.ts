import { Liquid, type Template } from 'liquidjs';
import { LRUCache } from 'lru-cache';
import { createLibraryFs, partialKey } from './library-fs';
import { hasTag, inSegment } from './plugin-filters';
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
  /** Parses a body; throws liquidjs' ParseError/TokenizationError (with a token position). */
  parse(body: string): Template[];
  /** The parsed form of a stored version, from an LRU keyed by name@version. */
  compiled(source: TemplateSource): Template[];
  render(templates: Template[], scope: object, globals: object): RenderOutcome;
  cacheStats(): CacheStats;
}

const errorMessage = (error: unknown): string => {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return 'template recursion is too deep';
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
};

/**
 * A liquidjs engine locked down for untrusted templates: partials only from the library, own
 * properties only (no `constructor`, no `__proto__`), unknown filters rejected, and parse, render
 * time, memory, template-count and output limits.
 */
export const createSandbox = (options: {
  library: () => TemplateLibrary;
  limits: SandboxLimits;
  compiledCacheSize?: number;
}): Sandbox => {
  const { limits } = options;
  const partialCache = new LRUCache<string, Template[]>({ max: options.compiledCacheSize ?? 500 });
  const engine = new Liquid({
    fs: createLibraryFs(options.library),
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
      read: (key: string) => partialCache.get(key),
      write: (key: string, value: Template[]) => {
        partialCache.set(key, value);
      },
      remove: (key: string) => {
        partialCache.delete(key);
      },
    },
  });
  engine.registerFilter('has_tag', hasTag);
  engine.registerFilter('in_segment', inSegment);
  engine.registerTag('variant', VariantTag);

  const compiledCache = new LRUCache<string, Template[]>({ max: options.compiledCacheSize ?? 500 });
  const stats = { hits: 0, misses: 0 };

  return {
    engine,
    parse: (body) => engine.parse(body),
    compiled(source) {
      const key = partialKey(source.name, source.version);
      const cached = compiledCache.get(key);
      if (cached) {
        stats.hits += 1;
        return cached;
      }
      stats.misses += 1;
      const parsed = engine.parse(source.body);
      compiledCache.set(key, parsed);
      return parsed;
    },
    render(templates, scope, globals) {
      const started = performance.now();
      startVariantCapture(globals);
      try {
        const output = engine.renderSync(templates, scope, {
          globals,
          templateLimit: limits.templateLimit,
        }) as string;
        if (output.length > limits.outputLimit) {
          throw new Error(`output is longer than ${limits.outputLimit} characters`);
        }
        const variant = capturedVariant(globals) ?? (output.trim() || null);
        return { ok: true, variant, output, durationMs: performance.now() - started };
      } catch (error) {
        return { ok: false, error: errorMessage(error), durationMs: performance.now() - started };
      }
    },
    cacheStats: () => ({ ...stats, size: compiledCache.size }),
  };
};
