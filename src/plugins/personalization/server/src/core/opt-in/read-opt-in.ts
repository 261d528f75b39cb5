import { z } from 'zod';
import { OptInError } from './opt-in-error';
import { TEXT_ATTRIBUTE_TYPES, type ContentTypeShape, type OptIn } from './types';

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
  if (raw === undefined) {
    return { optIn: null, problems: [] };
  }

  const prefix = `${contentType.uid}: pluginOptions.personalization`;
  const parsed = optInSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      optIn: null,
      problems: parsed.error.issues.map((issue) => `${prefix}.${describeIssue(issue)}`),
    };
  }

  const problems: string[] = [];
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
