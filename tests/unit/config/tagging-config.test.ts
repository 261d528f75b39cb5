import config from '../../../src/plugins/personalization/server/src/config';
import { defaultTaggingConfig } from '../../../src/plugins/personalization/server/src/config/tagging-schema';

const withTagging = (tagging: Record<string, unknown>) => ({
  ...config.default,
  tagging: { ...defaultTaggingConfig, ...tagging },
});

describe('tagging config', () => {
  it('accepts the defaults, which point at the bundled embedding model', () => {
    expect(() => config.validator(withTagging({}))).not.toThrow();
    expect(defaultTaggingConfig.modelsDir).toMatch(/personalization[/\\]models$/);
    expect(defaultTaggingConfig.nerModel).toBe('ner-bilstm-conll03');
    expect(defaultTaggingConfig.entities.types).toEqual(
      expect.objectContaining({
        DATE: false,
        MONEY: false,
        PERCENT: false,
        QUANTITY: false,
        PER: true,
      })
    );
  });

  it.each([
    ['an unknown key', { retries: 3 }, /tagging: .*retries/],
    ['concurrency 0', { concurrency: 0 }, /tagging\.concurrency/],
    ['a fractional batch size', { batchSize: 2.5 }, /tagging\.batchSize/],
    [
      'a backoff cap below the backoff',
      { backoffMs: 5000, backoffMaxMs: 1000 },
      /tagging\.backoffMaxMs/,
    ],
    ['an empty models folder', { modelsDir: '' }, /tagging\.modelsDir/],
    ['a numeric NER model', { nerModel: 5 }, /tagging\.nerModel/],
    [
      'an unknown entity type',
      {
        entities: {
          ...defaultTaggingConfig.entities,
          types: { ...defaultTaggingConfig.entities.types, EVENT: true },
        },
      },
      /tagging\.entities\.types/,
    ],
    [
      'a confidence floor above 1',
      {
        entities: {
          ...defaultTaggingConfig.entities,
          minConfidence: { ...defaultTaggingConfig.entities.minConfidence, PER: 1.5 },
        },
      },
      /tagging\.entities\.minConfidence\.PER/,
    ],
    [
      'a negative cap',
      { entities: { ...defaultTaggingConfig.entities, maxPerType: -1 } },
      /tagging\.entities\.maxPerType/,
    ],
    ['a lease shorter than a second', { leaseMs: 500 }, /tagging\.leaseMs/],
    ['a negative rescan pause', { rescanPauseMs: -1 }, /tagging\.rescanPauseMs/],
  ])('rejects %s, naming the key', (_label, tagging, message) => {
    expect(() => config.validator(withTagging(tagging))).toThrow(message);
  });
});
