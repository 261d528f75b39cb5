import {
  buildFeatures,
  SegmentationError,
  standardize,
  type ProfileFeatureInput,
} from '../../../src/plugins/personalization/server/src/core/audience/segmentation';

describe('standardize', () => {
  it('z-scores each column with the population deviation; a constant column becomes zeros', () => {
    // Column 0: mean 2, population SD √(2/3); column 1 is column 0 × 10; column 2 is constant.
    const result = standardize([
      [1, 10, 5],
      [2, 20, 5],
      [3, 30, 5],
    ]);
    const z = 1 / Math.sqrt(2 / 3);
    expect(result.means).toEqual([2, 20, 5]);
    expect(result.deviations[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(result.deviations[1]).toBeCloseTo(Math.sqrt(200 / 3), 12);
    expect(result.deviations[2]).toBe(0);
    result.rows.forEach((row, index) => {
      const expected = [-z, 0, z][index];
      expect(row[0]).toBeCloseTo(expected, 12);
      expect(row[1]).toBeCloseTo(expected, 12);
      expect(row[2]).toBe(0);
    });
  });

  it('leaves a constant column at zero even when its mean does not round-trip', () => {
    const result = standardize([[0.1], [0.1], [0.1], [0.1], [0.1], [0.1], [0.1]]);
    expect(result.rows.flat()).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(result.deviations).toEqual([0]);
  });

  it('gives every varying column mean 0 and deviation 1', () => {
    const rows = Array.from({ length: 50 }, (_, index) => [index * index, Math.sin(index), -index]);
    const { rows: scaled } = standardize(rows);
    for (let column = 0; column < 3; column++) {
      const values = scaled.map((row) => row[column]);
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
      expect(mean).toBeCloseTo(0, 12);
      expect(variance).toBeCloseTo(1, 12);
    }
  });

  it('returns nothing for no rows', () => {
    expect(standardize([])).toEqual({ rows: [], means: [], deviations: [] });
  });

  it.each<[string, number[][], string, RegExp]>([
    ['ragged rows', [[1, 2], [3]], 'invalid-rows', /row 1 has 1 values but row 0 has 2/],
    ['NaN', [[1], [Number.NaN]], 'non-finite', /row 1, column 0 is NaN/],
    ['Infinity', [[Infinity], [1]], 'non-finite', /row 0, column 0 is Infinity/],
  ])('refuses %s', (_name, rows, code, message) => {
    expect(() => standardize(rows)).toThrow(message);
    expect(() => standardize(rows)).toThrow(SegmentationError);
    let thrown: unknown;
    try {
      standardize(rows);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code });
  });
});

describe('buildFeatures', () => {
  const profile = (key: string, overrides: Partial<ProfileFeatureInput>): ProfileFeatureInput => ({
    key,
    recencyDays: 0,
    frequency: 0,
    monetary: 0,
    affinities: {},
    device: null,
    ...overrides,
  });

  it('builds RFM, the top tags by summed affinity and the device one-hot', () => {
    // Summed affinities: art 3, sports 2.5, tech 2, music 1 → the top 3 are art, sports, tech.
    const result = buildFeatures(
      [
        profile('a', {
          recencyDays: 1,
          frequency: 3,
          affinities: { sports: 2, tech: 1 },
          device: 'mobile',
        }),
        profile('b', { recencyDays: 10, monetary: 99, affinities: { tech: 1, music: 1 } }),
        profile('c', {
          recencyDays: 4,
          frequency: 1,
          monetary: 9,
          affinities: { sports: 0.5, art: 3, music: 0 },
          device: 'tablet',
        }),
      ],
      { topTags: 3 }
    );
    expect(result.names).toEqual([
      'recencyDays',
      'frequency',
      'monetary',
      'affinity:art',
      'affinity:sports',
      'affinity:tech',
      'device:desktop',
      'device:mobile',
      'device:tablet',
      'device:other',
    ]);
    expect(result.keys).toEqual(['a', 'b', 'c']);
    // frequency and monetary are log1p: log1p(3) = ln 4, log1p(99) = ln 100, log1p(9) = ln 10.
    const expected = [
      [1, Math.log(4), 0, 0, 2, 1, 0, 1, 0, 0],
      [10, 0, Math.log(100), 0, 0, 1, 0, 0, 0, 1],
      [4, Math.log(2), Math.log(10), 3, 0.5, 0, 0, 0, 1, 0],
    ];
    result.rows.forEach((row, index) => {
      expect(row).toHaveLength(expected[index].length);
      row.forEach((value, column) => expect(value).toBeCloseTo(expected[index][column], 12));
    });
  });

  it.each<[string, Record<string, number>[], number, string[]]>([
    ['ties broken by name', [{ b: 1, a: 1, c: 1 }], 2, ['affinity:a', 'affinity:b']],
    ['summed over profiles', [{ x: 2 }, { y: 1.5 }, { y: 1 }], 1, ['affinity:y']],
    ['tags summing to zero never win', [{ zero: 0, minus: -1 }], 5, []],
    ['topTags 0', [{ a: 5 }], 0, []],
    ['fewer tags than asked', [{ a: 1 }], 4, ['affinity:a']],
  ])('chooses tags: %s', (_name, affinities, topTags, expected) => {
    const profiles = affinities.map((map, index) => profile(`p${index}`, { affinities: map }));
    const names = buildFeatures(profiles, { topTags }).names;
    expect(names.filter((name) => name.startsWith('affinity:'))).toEqual(expected);
  });

  it.each<[string | null, string]>([
    ['desktop', 'device:desktop'],
    ['mobile', 'device:mobile'],
    ['tablet', 'device:tablet'],
    ['unknown', 'device:other'],
    ['Mobile', 'device:other'],
    [null, 'device:other'],
  ])('one-hot encodes device %p as %s', (device, column) => {
    const { names, rows } = buildFeatures([profile('p', { device })], { topTags: 0 });
    const deviceColumns = names.filter((name) => name.startsWith('device:'));
    expect(deviceColumns.map((name) => rows[0][names.indexOf(name)])).toEqual(
      deviceColumns.map((name) => (name === column ? 1 : 0))
    );
  });

  it('treats a tag named __proto__ as a tag, without touching prototypes', () => {
    const affinities = JSON.parse('{"__proto__": 5, "news": 1}') as Record<string, number>;
    const result = buildFeatures([profile('p', { affinities })], { topTags: 2 });
    expect(result.names.slice(3, 5)).toEqual(['affinity:__proto__', 'affinity:news']);
    expect(result.rows[0].slice(3, 5)).toEqual([5, 1]);
    expect(({} as Record<string, unknown>).news).toBeUndefined();
  });

  it('reads only own affinities', () => {
    const inherited = Object.create({ sports: 9 }) as Record<string, number>;
    const result = buildFeatures(
      [profile('a', { affinities: { sports: 1 } }), profile('b', { affinities: inherited })],
      {
        topTags: 1,
      }
    );
    expect(result.rows.map((row) => row[3])).toEqual([1, 0]);
  });

  it.each<[string, ProfileFeatureInput[], number, RegExp]>([
    [
      'a duplicate key',
      [profile('a', {}), profile('a', {})],
      1,
      /profile 1 \(a\): key appears more than once/,
    ],
    ['an empty key', [profile('', {})], 1, /key must not be empty/],
    [
      'negative monetary',
      [profile('a', { monetary: -5 })],
      1,
      /monetary must be a finite number ≥ 0/,
    ],
    [
      'NaN frequency',
      [profile('a', { frequency: Number.NaN })],
      1,
      /frequency must be a finite number/,
    ],
    [
      'infinite recency',
      [profile('a', { recencyDays: Infinity })],
      1,
      /recencyDays must be a finite/,
    ],
    [
      'an infinite affinity',
      [profile('a', { affinities: { x: Infinity } })],
      1,
      /affinity for "x"/,
    ],
    ['negative topTags', [profile('a', {})], -1, /topTags must be an integer ≥ 0/],
    ['fractional topTags', [profile('a', {})], 1.5, /topTags must be an integer ≥ 0/],
  ])('refuses %s', (_name, profiles, topTags, message) => {
    expect(() => buildFeatures(profiles, { topTags })).toThrow(SegmentationError);
    expect(() => buildFeatures(profiles, { topTags })).toThrow(message);
  });
});
