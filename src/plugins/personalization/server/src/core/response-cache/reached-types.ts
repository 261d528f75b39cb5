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
  const reached = new Set<string>([uid]);

  /** The schemas an attribute leads to, noting content types reached. */
  const follow = (attribute: AttributeInfo): string[] => {
    if ((attribute.type === 'relation' || attribute.type === 'media') && !attribute.private) {
      const target = attribute.type === 'media' ? 'plugin::upload.file' : attribute.target;
      if (target) {
        reached.add(target);
        return [target];
      }
    }
    if (attribute.type === 'component' && attribute.component) return [attribute.component];
    if (attribute.type === 'dynamiczone') return attribute.components ?? [];
    return [];
  };

  const linkedAttributes = (schemaUid: string) =>
    Object.entries(schemaOf(schemaUid) ?? {}).filter(
      ([name, attribute]) =>
        !HIDDEN.has(name) &&
        ['relation', 'media', 'component', 'dynamiczone'].includes(attribute.type)
    );

  const walkPopulate = (schemaUid: string, populate: unknown): void => {
    if (populate === undefined || populate === null || populate === false) return;
    if (populate === '*' || populate === true) {
      // Strapi's `*` populates one level: every relation, media, component and dynamic zone.
      for (const [, attribute] of linkedAttributes(schemaUid)) follow(attribute);
      return;
    }
    if (typeof populate === 'string') {
      populate.split(',').forEach((path) => walkPath(schemaUid, path.trim().split('.')));
      return;
    }
    if (Array.isArray(populate)) {
      populate.forEach((item) => walkPopulate(schemaUid, item));
      return;
    }
    if (!isRecord(populate)) return;
    for (const [name, nested] of Object.entries(populate)) {
      const attribute = schemaOf(schemaUid)?.[name];
      if (!attribute || HIDDEN.has(name)) continue;
      for (const next of follow(attribute)) {
        if (isRecord(nested)) {
          walkPopulate(next, nested.populate);
          walkFilters(next, nested.filters);
          walkSort(next, nested.sort);
          // Dynamic zones populate per component: `on: { 'blocks.x': { populate } }`.
          if (isRecord(nested.on)) {
            for (const [component, fragment] of Object.entries(nested.on)) {
              if (isRecord(fragment)) walkPopulate(component, fragment.populate);
            }
          }
        }
      }
    }
  };

  const walkPath = (schemaUid: string, path: string[]): void => {
    const [name, ...rest] = path;
    if (!name || name === '*') {
      if (name === '*') walkPopulate(schemaUid, '*');
      return;
    }
    const attribute = schemaOf(schemaUid)?.[name];
    if (!attribute || HIDDEN.has(name)) return;
    for (const next of follow(attribute)) walkPath(next, rest);
  };

  const walkFilters = (schemaUid: string, filters: unknown): void => {
    if (Array.isArray(filters)) {
      filters.forEach((item) => walkFilters(schemaUid, item));
      return;
    }
    if (!isRecord(filters)) return;
    for (const [name, value] of Object.entries(filters)) {
      if (name.startsWith('$')) {
        // Logical operators ($and, $or, $not) hold filters on the same type; others hold values.
        if (name === '$and' || name === '$or' || name === '$not') walkFilters(schemaUid, value);
        continue;
      }
      const attribute = schemaOf(schemaUid)?.[name];
      if (!attribute) continue;
      for (const next of follow(attribute)) walkFilters(next, value);
    }
  };

  const walkSort = (schemaUid: string, sort: unknown): void => {
    if (typeof sort === 'string') {
      sort
        .split(',')
        .forEach((item) => walkPath(schemaUid, item.split(':')[0].trim().split('.').slice(0, -1)));
      return;
    }
    if (Array.isArray(sort)) {
      sort.forEach((item) => walkSort(schemaUid, item));
      return;
    }
    if (!isRecord(sort)) return;
    for (const [name, value] of Object.entries(sort)) {
      const attribute = schemaOf(schemaUid)?.[name];
      if (!attribute || !isRecord(value)) continue;
      for (const next of follow(attribute)) walkSort(next, value);
    }
  };

  walkPopulate(uid, params.populate);
  walkFilters(uid, params.filters);
  walkSort(uid, params.sort);
  return [...reached].sort();
};
