// Kept for tests/unit/services/variant-copy.test.ts, which imports it from here; the copy is a service concern.
export { variantDraftData } from '../services/variants/copy';
