import { applyCalibration } from '../calibration/isotonic';
import type { LoadedModel } from '../models/load-pipeline';
import type { SequenceTagger } from '../models/load-sequence-tagger';
import type { ExtractedTag, TagExtractor, TagType } from '../types';
import { decodeBioPath, greedyPath } from './bio-decode';
import { isTitleCaseHeadline } from './headline';
import { mergeMentions, type Mention } from './merge-mentions';
import { tokenizeSentences } from './ner-tokens';
import { viterbi } from './viterbi';

export const TRAINED_NER_NAME = 'trained-ner';

const TYPES: Record<string, TagType> = { PER: 'PER', ORG: 'ORG', LOC: 'LOC', MISC: 'MISC' };

export interface TrainedNerOptions {
  /** Raw scores instead of calibrated ones: what scripts/train-ner/calibrate.ts fits on. */
  uncalibrated?: boolean;
  /**
   * Each distinct name its own entity, without joining short forms to long ones: what CoNLL's
   * gold entity sets count, so the evaluation scores the model rather than the merging.
   */
  distinctMentions?: boolean;
}

/** NER with the plugin's trained sequence tagger (models/ner-bilstm-conll03 by default). */
export const createTrainedNer = (
  model: LoadedModel<SequenceTagger>,
  options: TrainedNerOptions = {}
): TagExtractor => {
  const version = `1.0.0+${model.version}`;
  const { tag, labels, calibration, crf } = model.run;
  return {
    name: TRAINED_NER_NAME,
    version,
    async extract(text: string): Promise<ExtractedTag[]> {
      const mentions: Mention[] = [];
      let hasBody = false;
      const sentences = tokenizeSentences(text);
      const words = sentences.map((sentence) => sentence.map((token) => token.text));
      const scores = await tag(words);
      for (const [index, sentence] of sentences.entries()) {
        const headline = isTitleCaseHeadline(words[index]);
        hasBody ||= !headline;
        const { probabilities, emissions } = scores[index];
        const path =
          crf && emissions
            ? viterbi(emissions, crf, sentence.length)
            : greedyPath(probabilities, labels.length, sentence.length);
        for (const span of decodeBioPath(path, probabilities, labels)) {
          mentions.push({
            label: text.slice(sentence[span.start].start, sentence[span.end - 1].end),
            type: span.type,
            score: span.score,
            inHeadline: headline,
          });
        }
      }
      const merged = mergeMentions(mentions, hasBody, {
        joinShortForms: !options.distinctMentions,
      });
      return merged.flatMap((entity) => {
        const type = TYPES[entity.type];
        if (!type) {
          return [];
        }
        const confidence = options.uncalibrated
          ? entity.score
          : applyCalibration(calibration, entity.score);
        return [
          {
            label: entity.label,
            type,
            confidence: Math.round(confidence * 1000) / 1000,
            source: TRAINED_NER_NAME,
            sourceVersion: version,
          },
        ];
      });
    },
  };
};
