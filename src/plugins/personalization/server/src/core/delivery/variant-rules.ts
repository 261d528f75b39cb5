/** What a write of an entry of a variants-enabled type says about its variant fields. */
export interface VariantWrite {
  documentId: string | null;
  variantKey: string | null;
  /** documentId of the base entry this entry is a variant of, or null. */
  variantOf: string | null;
}

export interface VariantFacts {
  /** The base entry, when variantOf names one that exists. */
  base: { documentId: string; variantKey: string | null } | null;
  /** documentIds of other entries that are already this base's variant with the same key. */
  sameKeyVariants: string[];
  /** True when the entry being written has variants of its own. */
  hasOwnVariants: boolean;
}

/**
 * The problems that make a variant write invalid; each names the field. A variant states both its
 * key and its base, its base is a base entry of the same type, and (base, key) is unique.
 */
export const variantWriteProblems = (write: VariantWrite, facts: VariantFacts): string[] => {
  const problems: string[] = [];
  if (write.variantKey && !write.variantOf) {
    problems.push('variantOf: a variant needs the base entry it is a variant of');
  }
  if (write.variantOf && !write.variantKey) {
    problems.push('variantKey: a variant needs a key (e.g. "premium")');
  }
  if (!write.variantOf) return problems;
  if (write.variantOf === write.documentId) {
    problems.push('variantOf: an entry cannot be a variant of itself');
  } else if (!facts.base) {
    problems.push(`variantOf: no entry ${write.variantOf} of this type`);
  } else if (facts.base.variantKey) {
    problems.push(
      `variantOf: entry ${write.variantOf} is itself a variant; point to its base entry`
    );
  }
  if (facts.hasOwnVariants) {
    problems.push('variantOf: this entry has variants of its own, so it cannot become a variant');
  }
  if (write.variantKey && facts.sameKeyVariants.length > 0) {
    problems.push(
      `variantKey: the base entry already has a "${write.variantKey}" variant (${facts.sameKeyVariants[0]})`
    );
  }
  return problems;
};
