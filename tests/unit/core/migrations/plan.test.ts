import {
  assertValidMigrations,
  migrationLabel,
  planMigrations,
} from '../../../../src/plugins/personalization/server/src/core/migrations/plan';

const step = (version: number, name = `step-${version}`) => ({ version, name });
const versions = (list: Array<{ version: number }>) => list.map((migration) => migration.version);

describe('planMigrations', () => {
  it.each([
    ['a fresh database runs every step', [1, 2, 3], [], [1, 2, 3]],
    ['steps listed out of order run oldest first', [3, 1, 2], [], [1, 2, 3]],
    ['applied steps are skipped', [1, 2, 3], [1, 3], [2]],
    ['a fully migrated database runs nothing', [1, 2], [2, 1], []],
    ['a step added later runs alone', [1, 2, 3, 4], [1, 2, 3], [4]],
  ])('%s', (_, listed, applied, expected) => {
    expect(
      versions(
        planMigrations(
          listed.map((v) => step(v)),
          applied
        ).pending
      )
    ).toEqual(expected);
  });

  it('reports recorded versions this code does not know, in order', () => {
    expect(planMigrations([step(1), step(2)], [9, 1, 8, 2]).unknown).toEqual([8, 9]);
    expect(planMigrations([step(1)], [1]).unknown).toEqual([]);
  });

  it('keeps the migrations themselves, not copies', () => {
    const first = step(1, 'tagging');
    expect(planMigrations([first], []).pending[0]).toBe(first);
  });
});

describe('assertValidMigrations', () => {
  it.each([
    ['a duplicate version', [step(1, 'a'), step(1, 'b')], /two migrations have version 1/],
    ['version zero', [step(0, 'zero')], /"zero" has version 0/],
    ['a negative version', [step(-2, 'minus')], /"minus" has version -2/],
    ['a fractional version', [step(1.5, 'half')], /"half" has version 1.5/],
  ])('rejects %s', (_, list, message) => {
    expect(() => assertValidMigrations(list)).toThrow(message);
    expect(() => planMigrations(list, [])).toThrow(message);
  });

  it('accepts unique positive integers with gaps', () => {
    expect(() => assertValidMigrations([step(1), step(5), step(2)])).not.toThrow();
  });
});

describe('migrationLabel', () => {
  it.each([
    [1, 'tagging', '001-tagging'],
    [42, 'audience', '042-audience'],
    [1234, 'big', '1234-big'],
  ])('labels version %d %s as %s', (version, name, label) => {
    expect(migrationLabel({ version, name })).toBe(label);
  });
});
