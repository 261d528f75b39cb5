/** What the walker needs to know of a schema attribute. */
export interface AttributeInfo {
  type: string;
  target?: string;
  component?: string;
  components?: string[];
  private?: boolean;
}

export type SchemaLookup = (uid: string) => Record<string, AttributeInfo> | undefined;

/** Attributes the content API never returns, so their content cannot change an answer. */
const HIDDEN = new Set(['createdBy', 'updatedBy']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A walk over one query: how to look schemas up, and the content types reached so far. */
interface Walk {
  schemaOf: SchemaLookup;
  reached: Set<string>;
}

/** The schemas an attribute leads to, noting content types reached. */
const follow = (walk: Walk, attribute: AttributeInfo): string[] => {
  if ((attribute.type === 'relation' || attribute.type === 'media') && !attribute.private) {
    const target = attribute.type === 'media' ? 'plugin::upload.file' : attribute.target;
    if (target) {
      walk.reached.add(target);
      return [target];
    }
  }
  if (attribute.type === 'component' && attribute.component) return [attribute.component];
  if (attribute.type === 'dynamiczone') return attribute.components ?? [];
  return [];
};

const linkedAttributes = (walk: Walk, schemaUid: string) =>
  Object.entries(walk.schemaOf(schemaUid) ?? {}).filter(
    ([name, attribute]) =>
      !HIDDEN.has(name) &&
      ['relation', 'media', 'component', 'dynamiczone'].includes(attribute.type)
  );

const walkPopulate = (walk: Walk, schemaUid: string, populate: unknown): void => {
  if (populate === undefined || populate === null || populate === false) return;
  if (populate === '*' || populate === true) {
    // Strapi's `*` populates one level: every relation, media, component and dynamic zone.
    for (const [, attribute] of linkedAttributes(walk, schemaUid)) follow(walk, attribute);
    return;
  }
  if (typeof populate === 'string') {
    populate.split(',').forEach((path) => walkPath(walk, schemaUid, path.trim().split('.')));
    return;
  }
  if (Array.isArray(populate)) {
    populate.forEach((item) => walkPopulate(walk, schemaUid, item));
    return;
  }
  if (!isRecord(populate)) return;
  for (const [name, nested] of Object.entries(populate)) {
    const attribute = walk.schemaOf(schemaUid)?.[name];
    if (!attribute || HIDDEN.has(name)) continue;
    for (const next of follow(walk, attribute)) {
      if (isRecord(nested)) {
        walkPopulate(walk, next, nested.populate);
        walkFilters(walk, next, nested.filters);
        walkSort(walk, next, nested.sort);
        // Dynamic zones populate per component: `on: { 'blocks.x': { populate } }`.
        if (isRecord(nested.on)) {
          for (const [component, fragment] of Object.entries(nested.on)) {
            if (isRecord(fragment)) walkPopulate(walk, component, fragment.populate);
          }
        }
      }
    }
  }
};

const walkPath = (walk: Walk, schemaUid: string, path: string[]): void => {
  const [name, ...rest] = path;
  if (!name || name === '*') {
    if (name === '*') walkPopulate(walk, schemaUid, '*');
    return;
  }
  const attribute = walk.schemaOf(schemaUid)?.[name];
  if (!attribute || HIDDEN.has(name)) return;
  for (const next of follow(walk, attribute)) walkPath(walk, next, rest);
};

const walkFilters = (walk: Walk, schemaUid: string, filters: unknown): void => {
  if (Array.isArray(filters)) {
    filters.forEach((item) => walkFilters(walk, schemaUid, item));
    return;
  }
  if (!isRecord(filters)) return;
  for (const [name, value] of Object.entries(filters)) {
    if (name.startsWith('$')) {
      // Logical operators ($and, $or, $not) hold filters on the same type; others hold values.
      if (name === '$and' || name === '$or' || name === '$not') walkFilters(walk, schemaUid, value);
      continue;
    }
    const attribute = walk.schemaOf(schemaUid)?.[name];
    if (!attribute) continue;
    for (const next of follow(walk, attribute)) walkFilters(walk, next, value);
  }
};

const walkSort = (walk: Walk, schemaUid: string, sort: unknown): void => {
  if (typeof sort === 'string') {
    sort
      .split(',')
      .forEach((item) =>
        walkPath(walk, schemaUid, item.split(':')[0].trim().split('.').slice(0, -1))
      );
    return;
  }
  if (Array.isArray(sort)) {
    sort.forEach((item) => walkSort(walk, schemaUid, item));
    return;
  }
  if (!isRecord(sort)) return;
  for (const [name, value] of Object.entries(sort)) {
    const attribute = walk.schemaOf(schemaUid)?.[name];
    if (!attribute || !isRecord(value)) continue;
    for (const next of follow(walk, attribute)) walkSort(walk, next, value);
  }
};

/**
 * Every content type whose rows a document-service query reads: the queried type, the targets of
 * the relations and media its `populate`, `filters` and `sort` walk through (at any depth,
 * through components and dynamic zones), in sorted order. A response cache keys its entries with
 * the revisions of all of them.
 */
export const reachedTypes = (
  uid: string,
  params: Record<string, unknown>,
  schemaOf: SchemaLookup
): string[] => {
  const walk: Walk = { schemaOf, reached: new Set<string>([uid]) };
  walkPopulate(walk, uid, params.populate);
  walkFilters(walk, uid, params.filters);
  walkSort(walk, uid, params.sort);
  return [...walk.reached].sort();
};
