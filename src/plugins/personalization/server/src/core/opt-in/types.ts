/** The slice of a content-type schema the opt-in reader needs; deliberately not Strapi's type. */
export interface ContentTypeShape {
  uid: string;
  attributes: Record<string, { type: string } & Record<string, unknown>>;
  pluginOptions?: Record<string, unknown>;
}

export interface TaggingOptIn {
  /** Text attributes read for tags, in the order the schema lists them. */
  fields: string[];
}

/** What a content type asked of the plugin through `pluginOptions.personalization`. */
export interface OptIn {
  uid: string;
  tagging: TaggingOptIn | null;
  variants: boolean;
  /** string/text attributes marked `pluginOptions.personalization.liquid: true`: rendered per caller. */
  liquidFields: string[];
}

/** Attribute types whose value is text the tagger can read. */
export const TEXT_ATTRIBUTE_TYPES = ['string', 'text', 'richtext', 'blocks'] as const;

/** Attribute types that may hold Liquid merge fields. */
export const LIQUID_ATTRIBUTE_TYPES = ['string', 'text'] as const;
