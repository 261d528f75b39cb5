import type { ModelSettings } from '../models/load-models';
import type { TextAnalysis } from '../pipeline/tag-document';

/** Messages between the plugin and its inference thread. */
export type ThreadRequest =
  | { id: number; kind: 'load'; settings: ModelSettings }
  | { id: number; kind: 'analyse'; settings: ModelSettings; text: string; maxChars: number };

export type ThreadResponse =
  | {
      id: number;
      ok: true;
      analysis?: TextAnalysis;
      /** Why the NER model was replaced by the offline rules, or null. */
      nerFallback: string | null;
    }
  | {
      id: number;
      ok: false;
      error: string;
      /** Set when a model failed to load (per model), null when the analysis itself failed. */
      modelLoad: { ner: string | null; embedding: string | null } | null;
    };
