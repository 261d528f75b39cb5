import { z } from 'zod';
import { OptInError } from './opt-in-error';
import {
  LIQUID_ATTRIBUTE_TYPES,
  TEXT_ATTRIBUTE_TYPES,
  type ContentTypeShape,
  type OptIn,
} from './types';

const optInSchema = z
  .object({
    tagging: z
      .object({
        fields: z.array(z.string().min(1)).min(1, 'must list at least one field'),
      })
      .strict()
      .optional(),
    variants: z.boolean().optional(),
  })
  .strict();

const attributeOptInSchema = z.object({ liquid: z.boolean() }).strict();

/** Attributes that ask for Liquid merge fields, and what is wrong with those that ask wrongly. */
const readLiquidFields = (
  contentType: ContentTypeShape
): { fields: string[]; problems: string[] } => {
  const fields: string[] = [];
  const problems: string[] = [];
  for (const [name, attribute] of Object.entries(contentType.attributes)) {
    const options = (attribute.pluginOptions as Record<string, unknown> | undefined)
      ?.personalization;
    if (options === undefined) continue;
    const where = `${contentType.uid}: attributes.${name}.pluginOptions.personalization`;
    const parsed = attributeOptInSchema.safeParse(options);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((issue) => `${where}.${describeIssue(issue)}`));
    } else if (
      parsed.data.liquid &&
      !(LIQUID_ATTRIBUTE_TYPES as readonly string[]).includes(attribute.type)
    ) {
      problems.push(
        `${where}.liquid: only ${LIQUID_ATTRIBUTE_TYPES.join(' and ')} attributes can hold Liquid (${name} is ${attribute.type})`
      );
    } else if (parsed.data.liquid) {
      fields.push(name);
    }
  }
  return { fields, problems };
};

const describeIssue = (issue: z.core.$ZodIssue): string => {
  const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return `${where}: ${issue.message}`;
};

const isTextAttribute = (type: string): boolean =>
  (TEXT_ATTRIBUTE_TYPES as readonly string[]).includes(type);

/**
 * Reads one content type's `pluginOptions.personalization`.
 * Returns null when the type does not opt in, and the list of problems when it opts in wrongly.
 */
export const readOptIn = (
  contentType: ContentTypeShape
): { optIn: OptIn | null; problems: string[] } => {
  const raw = contentType.pluginOptions?.personalization;
  const liquid = readLiquidFields(contentType);
  if (raw === undefined) {
    const problems =
      liquid.fields.length > 0
        ? [
            `${contentType.uid}: Liquid fields (${liquid.fields.join(', ')}) need the type to opt in with pluginOptions.personalization`,
          ]
        : [];
    return { optIn: null, problems: [...liquid.problems, ...problems] };
  }

  const prefix = `${contentType.uid}: pluginOptions.personalization`;
  const parsed = optInSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      optIn: null,
      problems: parsed.error.issues.map((issue) => `${prefix}.${describeIssue(issue)}`),
    };
  }

  const problems: string[] = [...liquid.problems];
  const fields = parsed.data.tagging?.fields ?? [];
  const textAttributes = Object.entries(contentType.attributes)
    .filter(([, attribute]) => isTextAttribute(attribute.type))
    .map(([name]) => name);

  for (const field of fields) {
    const attribute = contentType.attributes[field];
    if (!attribute) {
      problems.push(
        `${prefix}.tagging.fields names "${field}", which is not an attribute of ${contentType.uid} (text attributes: ${textAttributes.join(', ') || 'none'})`
      );
    } else if (!isTextAttribute(attribute.type)) {
      problems.push(
        `${prefix}.tagging.fields names "${field}" of type "${attribute.type}"; only ${TEXT_ATTRIBUTE_TYPES.join(', ')} can be tagged`
      );
    }
  }
  if (new Set(fields).size !== fields.length) {
    problems.push(`${prefix}.tagging.fields lists a field more than once`);
  }

  if (problems.length > 0) {
    return { optIn: null, problems };
  }

  return {
    optIn: {
      uid: contentType.uid,
      tagging: parsed.data.tagging ? { fields: [...parsed.data.tagging.fields] } : null,
      variants: parsed.data.variants ?? false,
      liquidFields: liquid.fields,
    },
    problems: [],
  };
};

/** Reads every content type's opt-in; throws one OptInError that lists every problem found. */
export const readOptIns = (contentTypes: readonly ContentTypeShape[]): OptIn[] => {
  const optIns: OptIn[] = [];
  const problems: string[] = [];
  for (const contentType of contentTypes) {
    const result = readOptIn(contentType);
    problems.push(...result.problems);
    if (result.optIn) {
      optIns.push(result.optIn);
    }
  }
  if (problems.length > 0) {
    throw new OptInError(problems);
  }
  return optIns.sort((a, b) => a.uid.localeCompare(b.uid));
};
