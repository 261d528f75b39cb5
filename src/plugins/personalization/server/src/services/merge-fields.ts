import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Template } from 'liquidjs';
import { LRUCache } from 'lru-cache';
import { buildTemplateContext, type CallerView } from '../core/context/template-context';
import { checkTemplate, type RenderBudget, type TemplateProblem } from '../core/templates';
import { getService } from '../utils/get-service';

/** What a reader sees of a merge field whose render failed: its text without the Liquid markup. */
const withoutLiquid = (text: string): string =>
  text
    .replace(/\{%-?[\s\S]*?-?%\}/g, '')
    .replace(/\{\{-?[\s\S]*?-?\}\}/g, '')
    .trim();

const describe = (field: string, problem: TemplateProblem): string =>
  `${field}: ${problem.line !== null ? `line ${problem.line}, column ${problem.column ?? 0}: ` : ''}${problem.message}`;

/**
 * Merge fields: string/text attributes marked `liquid: true` hold Liquid that is rendered per caller
 * in the rules sandbox. Invalid Liquid is refused when the entry is saved.
 */
const createMergeFieldsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const parsed = new LRUCache<string, Template[]>({ max: 1000 });
  const fieldsOf = (uid: string): string[] =>
    getService(strapi, 'optIns').get(uid)?.liquidFields ?? [];

  const middleware: Modules.Documents.Middleware.Middleware = async (context, next) => {
    const fields = fieldsOf(context.uid);
    if ((context.action === 'create' || context.action === 'update') && fields.length > 0) {
      const templates = getService(strapi, 'templates');
      const data: Record<string, unknown> = context.params.data ?? {};
      const problems = fields.flatMap((field) => {
        const body = data[field];
        if (typeof body !== 'string' || body === '') return [];
        return checkTemplate(
          templates.sandbox,
          { name: `${context.uid}#${field}`, version: 0, body, parameters: [] },
          templates.library()
        ).map((problem) => describe(field, problem));
      });
      if (problems.length > 0) {
        throw new errors.ValidationError(problems[0], {
          errors: problems.map((message) => ({ path: [message.split(':')[0]], message })),
        });
      }
    }
    return next();
  };

  return {
    register(): void {
      strapi.documents.use(middleware);
    },

    has: (uid: string): boolean => fieldsOf(uid).length > 0,

    /**
     * The entry with each merge field rendered for this caller (never cached across callers).
     * Templates read `entry.*` from the stored fields when given, as rules do.
     */
    render<Entry extends Record<string, unknown>>(
      uid: string,
      entry: Entry,
      caller: CallerView,
      options: { fields?: Record<string, unknown>; budget?: RenderBudget } = {}
    ): Entry {
      const fields = fieldsOf(uid).filter(
        (field) => typeof entry[field] === 'string' && entry[field] !== ''
      );
      if (fields.length === 0) return entry;
      const { sandbox } = getService(strapi, 'templates');
      const rendered: Record<string, unknown> = Object.assign({}, entry);
      const context = buildTemplateContext({
        caller,
        entry: {
          documentId: entry.documentId as string | undefined,
          fields: options.fields ?? entry,
        },
        params: {},
        variants: [],
        flag: { enabled: false, variant: null, payload: null },
      });
      for (const field of fields) {
        const body = entry[field] as string;
        try {
          let templates = parsed.get(body);
          if (!templates) {
            templates = sandbox.parse(body);
            parsed.set(body, templates);
          }
          const outcome = sandbox.render(templates, context.scope, context.globals, options.budget);
          rendered[field] = outcome.ok ? outcome.output : withoutLiquid(body);
          if (!outcome.ok) {
            strapi.log.warn(
              `[personalization] merge field ${uid}.${field} of ${String(entry.documentId)}: ${outcome.error}`
            );
          }
        } catch (error) {
          rendered[field] = withoutLiquid(body);
          strapi.log.warn(
            `[personalization] merge field ${uid}.${field}: ${(error as Error).message}`
          );
        }
      }
      return rendered as Entry;
    },
  };
};

export type MergeFieldsService = ReturnType<typeof createMergeFieldsService>;
export default createMergeFieldsService;
