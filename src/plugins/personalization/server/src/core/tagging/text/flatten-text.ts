/**
 * Turns a field value (string, rich text markdown, or Strapi blocks JSON) into plain text.
 * Blocks are walked rather than stringified so link URLs and formatting flags never become "words".
 */
export const flattenFieldValue = (value: unknown): string => {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return stripMarkup(value);
  }
  if (Array.isArray(value)) {
    // Editors paste HTML and markdown into block text too, so blocks are cleaned like strings.
    return stripMarkup(value.map(flattenBlockNode).filter(Boolean).join('\n'));
  }
  return '';
};

const flattenBlockNode = (node: unknown): string => {
  if (typeof node !== 'object' || node === null) {
    return '';
  }
  const record = node as { text?: unknown; children?: unknown };
  if (typeof record.text === 'string') {
    return record.text;
  }
  if (Array.isArray(record.children)) {
    const separator = (node as { type?: unknown }).type === 'list' ? '\n' : '';
    return record.children.map(flattenBlockNode).join(separator);
  }
  return '';
};

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** Removes HTML tags, markdown syntax and entities that editors paste in, keeping the words. */
export const stripMarkup = (text: string): string =>
  text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();

/** Joins the configured fields of a document in schema order, one paragraph per field. */
export const documentText = (
  document: Record<string, unknown>,
  fields: readonly string[]
): string =>
  fields
    .map((field) => flattenFieldValue(document[field]))
    .filter((text) => text.length > 0)
    .join('\n\n');
