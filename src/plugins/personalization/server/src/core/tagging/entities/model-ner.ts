import type { LoadedModel, TokenClassifier } from '../models/load-pipeline';
import type { ExtractedTag, TagExtractor } from '../types';
import { cleanEntityLabel } from './clean-label';
import { groupBio } from './group-bio';
import { mergeEntities } from './merge-entities';

export const MODEL_NER_NAME = 'transformers-ner';

/** NER through a transformers.js token-classification model (PERSONALIZATION_NER_MODEL). */
export const createModelNer = (model: LoadedModel<TokenClassifier>): TagExtractor => {
  const version = `1.0.0+${model.version}`;
  return {
    name: MODEL_NER_NAME,
    version,
    async extract(text: string): Promise<ExtractedTag[]> {
      if (text.trim().length === 0) {
        return [];
      }
      const tokens = await model.run(text);
      const tags = groupBio(tokens).flatMap((entity) => {
        const label = cleanEntityLabel(entity.label);
        return label.length >= 2
          ? [
              {
                label,
                type: entity.type,
                confidence: Math.round(entity.score * 1000) / 1000,
                source: MODEL_NER_NAME,
                sourceVersion: version,
              },
            ]
          : [];
      });
      return mergeEntities(tags);
    },
  };
};
