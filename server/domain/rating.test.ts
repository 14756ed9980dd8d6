import { describe, expect, it } from 'vitest';
import {
  cellRating,
  compareRatings,
  isRating,
  majorityOverride,
  maxRating,
  overallRating,
  rollUp,
  strategyRating,
  notApplicableThroughout,
  summarizeMatrix,
  summarizeRapidColumn,
  type MaybeRating,
  type Rating,
} from './rating';

// Compact notation for tables: L / M / H / V = Low / Medium / High / Very High, '-' = not set / not rated.
const CODE = { L: 'low', M: 'medium', H: 'high', V: 'very_high', '-': null } as const satisfies Record<string, MaybeRating>;
type Code = keyof typeof CODE;
const r = (code: Code): MaybeRating => CODE[code];
/** 'L M - V' → ['low', 'medium', null, 'very_high'] */
const list = (codes: string): MaybeRating[] =>
  codes
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((c) => r(c as Code));
/** n copies of one level */
const times = (n: number, rating: MaybeRating): MaybeRating[] => Array.from({ length: n }, () => rating);

const LEVELS: Rating[] = ['low', 'medium', 'high', 'very_high'];
const LEVEL_CODES = ['L', 'M', 'H', 'V'] as const;

describe('isRating', () => {
  it.each<[unknown, boolean]>([
    ['low', true],
    ['medium', true],
    ['high', true],
    ['very_high', true],
    ['Very High', false],
    ['very high', false],
    ['LOW', false],
    ['', false],
    [null, false],
    [undefined, false],
    [0, false],
    [{}, false],
  ])('isRating(%j) = %s', (value, expected) => {
    expect(isRating(value)).toBe(expected);
  });
});

describe('compareRatings', () => {
  it.each<[MaybeRating, MaybeRating, -1 | 0 | 1]>([
    ['low', 'medium', -1],
    ['medium', 'high', -1],
    ['high', 'very_high', -1],
    ['low', 'very_high', -1],
    ['very_high', 'low', 1],
    ['high', 'medium', 1],
    ['medium', 'medium', 0],
    ['very_high', 'very_high', 0],
    [null, 'low', -1],
    ['low', null, 1],
    [null, null, 0],
  ])('compareRatings(%s, %s) has sign %i', (a, b, sign) => {
    expect(Math.sign(compareRatings(a, b))).toBe(sign);
  });

  it('sorts levels Low < Medium < High < Very High, not rated first', () => {
    const shuffled: MaybeRating[] = ['high', null, 'very_high', 'low', 'medium'];
    expect([...shuffled].sort(compareRatings)).toEqual([null, 'low', 'medium', 'high', 'very_high']);
  });
});

describe('maxRating', () => {
  it.each<[MaybeRating[], MaybeRating]>([
    [[], null],
    [[null], null],
    [[null, null], null],
    [['low'], 'low'],
    [[null, 'low'], 'low'],
    [['low', null], 'low'],
    [['medium', 'very_high', 'high'], 'very_high'],
    [['high', 'medium'], 'high'],
    [['medium', null, 'medium'], 'medium'],
  ])('maxRating(%j) = %s', (ratings, expected) => {
    expect(maxRating(...ratings)).toBe(expected);
  });
});

describe('cellRating', () => {
  // Expected cell ratings written out by hand: one 4×4 grid per Irreversibility.
  // Rows = Scope (L M H V), columns = Severity (L M H V).
  const EXPECTED: Record<(typeof LEVEL_CODES)[number], string> = {
    // Irreversibility Low: magnitude one level lower, floored at Low
    L: `
      L L L L
      L L L L
      L L M M
      L L M H`,
    // Irreversibility Medium: magnitude unchanged
    M: `
      L L L L
      L M M M
      L M H H
      L M H V`,
    // Irreversibility High: magnitude unchanged
    H: `
      L L L L
      L M M M
      L M H H
      L M H V`,
    // Irreversibility Very High: magnitude one level higher, capped at Very High
    V: `
      M M M M
      M H H H
      M H V V
      M H V V`,
  };

  const table: [Rating, Rating, Rating, MaybeRating][] = [];
  for (const irr of LEVEL_CODES) {
    const grid = list(EXPECTED[irr]);
    if (grid.length !== 16) throw new Error(`expected grid for irreversibility ${irr} must have 16 entries`);
    LEVEL_CODES.forEach((scope, i) =>
      LEVEL_CODES.forEach((severity, j) => table.push([r(scope)!, r(severity)!, r(irr)!, grid[i * 4 + j]!])),
    );
  }

  it('covers all 64 combinations', () => {
    expect(table).toHaveLength(64);
    expect(new Set(table.map(([s, v, i]) => `${s}/${v}/${i}`)).size).toBe(64);
  });

  it.each(table)('scope %s, severity %s, irreversibility %s → %s', (scope, severity, irreversibility, expected) => {
    expect(cellRating({ scope, severity, irreversibility })).toBe(expected);
  });

  it.each<[MaybeRating, MaybeRating, MaybeRating]>([
    [null, 'high', 'high'],
    ['high', null, 'high'],
    ['high', 'high', null],
    [null, null, 'very_high'],
    [null, 'very_high', null],
    ['very_high', null, null],
    [null, null, null],
    // Irreversibility Very High does not lift a missing magnitude
    [null, 'low', 'very_high'],
    // Irreversibility Low does not turn a missing magnitude into Low
    ['low', null, 'low'],
  ])('not set: scope %s, severity %s, irreversibility %s → null', (scope, severity, irreversibility) => {
    expect(cellRating({ scope, severity, irreversibility })).toBeNull();
  });

  it.each<[MaybeRating, MaybeRating, MaybeRating]>([
    ['very_high', 'very_high', 'very_high'],
    ['low', 'low', 'low'],
    ['medium', 'high', 'medium'],
    [null, null, null],
  ])('not applicable: scope %s, severity %s, irreversibility %s → null', (scope, severity, irreversibility) => {
    expect(cellRating({ scope, severity, irreversibility, notApplicable: true })).toBeNull();
  });

  it('notApplicable: false behaves like an ordinary cell', () => {
    expect(cellRating({ scope: 'high', severity: 'very_high', irreversibility: 'very_high', notApplicable: false })).toBe(
      'very_high',
    );
  });
});

describe('rollUp (3-5-7 then 2-prime)', () => {
  it.each<[string, MaybeRating[], MaybeRating]>([
    // required cases
    ['7 Low', times(7, 'low'), 'low'],
    ['14 Low', times(14, 'low'), 'medium'],
    ['10 Medium', times(10, 'medium'), 'high'],
    ['6 High', times(6, 'high'), 'very_high'],
    ['{Medium, High, Low, Very High, Medium}', list('M H L V M'), 'high'],
    ['{Very High, Very High}', list('V V'), 'very_high'],
    ['nothing', [], null],
    ['[null, null]', [null, null], null],
    ['single High', ['high'], 'medium'],
    ['single Very High', ['very_high'], 'high'],
    ['15 Medium (3 High → 1 Very High)', times(15, 'medium'), 'high'],
    ['35 Low (5 Medium → 1 High)', times(35, 'low'), 'medium'],
    // around the Low → Medium threshold
    ['single Low', ['low'], 'low'],
    ['6 Low', times(6, 'low'), 'low'],
    ['13 Low (1 Medium)', times(13, 'low'), 'low'],
    ['6 Low + 1 Medium', [...times(6, 'low'), 'medium'], 'low'],
    ['7 Low + 1 Medium (2 Medium)', [...times(7, 'low'), 'medium'], 'medium'],
    ['6 Low + 1 null (null does not count)', [...times(6, 'low'), null], 'low'],
    // around the Medium → High threshold
    ['single Medium', ['medium'], 'low'],
    ['2 Medium', times(2, 'medium'), 'medium'],
    ['4 Medium', times(4, 'medium'), 'medium'],
    ['5 Medium (1 High)', times(5, 'medium'), 'medium'],
    ['9 Medium (1 High)', times(9, 'medium'), 'medium'],
    ['7 Low + 4 Medium (cascade: 5 Medium → 1 High)', [...times(7, 'low'), ...times(4, 'medium')], 'medium'],
    ['28 Low + 1 Medium (4 + 1 Medium → 1 High)', [...times(28, 'low'), 'medium'], 'medium'],
    ['4 Medium + 1 High', [...times(4, 'medium'), 'high'], 'medium'],
    ['5 Medium + 1 High (2 High)', [...times(5, 'medium'), 'high'], 'high'],
    ['70 Low (10 Medium → 2 High)', times(70, 'low'), 'high'],
    // around the High → Very High threshold
    ['2 High', times(2, 'high'), 'high'],
    ['3 High (1 Very High)', times(3, 'high'), 'high'],
    ['5 High (1 Very High)', times(5, 'high'), 'high'],
    ['2 High + 1 Very High', list('H H V'), 'high'],
    ['3 High + 1 Very High (2 Very High)', list('H H H V'), 'very_high'],
    ['10 Medium + 1 High (3 High → 1 Very High)', [...times(10, 'medium'), 'high'], 'high'],
    ['5 Medium + 2 High (3 High → 1 Very High)', [...times(5, 'medium'), 'high', 'high'], 'high'],
    ['35 Low + 2 High (3 High → 1 Very High)', [...times(35, 'low'), 'high', 'high'], 'high'],
    ['5 Medium + 5 High (1 + 5 = 6 High → 2 Very High)', [...times(5, 'medium'), ...times(5, 'high')], 'very_high'],
    ['210 Low (30 Medium → 6 High → 2 Very High)', times(210, 'low'), 'very_high'],
    // mixes and not-set cells
    ['High + Medium', list('H M'), 'medium'],
    ['Low + Medium', list('L M'), 'low'],
    ['nulls around one High', list('- H -'), 'medium'],
    ['2 High among nulls', list('- H - H -'), 'high'],
    ['Very High with Lows', list('V L L L'), 'high'],
  ])('%s → %s', (_name, ratings, expected) => {
    expect(rollUp(ratings)).toBe(expected);
  });

  it('does not mutate its input', () => {
    const input = list('H M L V M');
    const copy = [...input];
    rollUp(input);
    expect(input).toEqual(copy);
  });
});

describe('majorityOverride', () => {
  it.each<[string, MaybeRating[][], MaybeRating]>([
    ['{High, High, Low}', [['high'], ['high'], ['low']], 'high'],
    ['{Low, Low, Medium, Medium} (exactly half is not a majority)', [['low'], ['low'], ['medium'], ['medium']], 'low'],
    ['a target of 3 High counts as Very High', [times(3, 'high')], 'very_high'],
    ['3 High target + Very High target + Low target', [times(3, 'high'), ['very_high'], ['low']], 'very_high'],
    ['no targets', [], null],
    ['only unrated targets', [[null], [], [null, null]], null],
    ['unrated targets are left out (Miradi): one High target of three rated once', [[null], [null], ['high']], 'high'],
    ['unrated targets are left out: {High, Low} and one unrated', [[null], ['high'], ['low']], 'low'],
    ['targets whose threats are all not applicable are left out', [[null, null], ['very_high'], ['very_high'], [null]], 'very_high'],
    ["Miradi's own test {{3, 0}}: one threat, High on one target and not rated on the other", [['high'], [null]], 'high'],
    ['each target at its highest level, not its roll-up', [list('H L L'), list('H M')], 'high'],
    ['{Very High, High, Low}: High reached by 2 of 3', [['very_high'], ['high'], ['low']], 'high'],
    ['{Very High, Low}: nothing above Low reached by more than half', [['very_high'], ['low']], 'low'],
    ['{7 Low, 7 Low, Low}: 7 Low counts as Medium', [times(7, 'low'), times(7, 'low'), ['low']], 'medium'],
    ['{6 Low, 6 Low, Low}', [times(6, 'low'), times(6, 'low'), ['low']], 'low'],
    ['{Very High, Very High, High, Low, Low}: 3 of 5 reach High', [['very_high'], ['very_high'], ['high'], ['low'], ['low']], 'high'],
  ])('%s → %s', (_name, perTarget, expected) => {
    expect(majorityOverride(perTarget)).toBe(expected);
  });
});

describe('overallRating', () => {
  it.each<[string, MaybeRating[], MaybeRating[][], MaybeRating]>([
    ['nothing rated', [], [], null],
    ['majority override higher than roll-up', ['high'], [['high']], 'high'],
    ['roll-up higher than majority override', list('V V'), [['low'], ['low'], ['low'], ['very_high', 'very_high']], 'very_high'],
    ['both equal', list('M M'), [['medium'], ['medium']], 'medium'],
    ['roll-up only (no per-target ratings)', list('H H'), [], 'high'],
    ['majority only (no threat summaries)', [], [['low'], ['low']], 'low'],
  ])('%s → %s', (_name, threatSummaries, perTarget, expected) => {
    expect(overallRating(threatSummaries, perTarget)).toBe(expected);
  });
});

describe('strategyRating = min(Impact, Feasibility)', () => {
  // Rows = Impact (L M H V), columns = Feasibility (L M H V).
  const EXPECTED = list(`
    L L L L
    L M M M
    L M H H
    L M H V`);
  const table: [Rating, Rating, MaybeRating][] = LEVELS.flatMap((impact, i) =>
    LEVELS.map((feasibility, j): [Rating, Rating, MaybeRating] => [impact, feasibility, EXPECTED[i * 4 + j]!]),
  );

  it('covers all 16 combinations', () => expect(table).toHaveLength(16));

  it.each(table)('impact %s, feasibility %s → %s', (impact, feasibility, expected) => {
    expect(strategyRating(impact, feasibility)).toBe(expected);
  });

  it.each<[MaybeRating, MaybeRating]>([
    [null, 'low'],
    [null, 'very_high'],
    ['low', null],
    ['very_high', null],
    [null, null],
  ])('impact %s, feasibility %s → null', (impact, feasibility) => {
    expect(strategyRating(impact, feasibility)).toBeNull();
  });
});

describe('summarizeRapidColumn (AHEC plan Table 1, 2020)', () => {
  // Threat order: Fire, Climate Change, Cross-border illegal trade, Overgrazing, Unsustainable hunting,
  // NTFP collection, Irresponsible mining, Illegal logging, Poaching, Irresponsible farming, Zoonosis,
  // Water infrastructure, Crop farming expansion, Linear infrastructure, Human-wildlife conflict.
  it.each<[string, string, MaybeRating, MaybeRating]>([
    // 4 L, 7 M, 3 H, 1 not rated → 7 M = 1 H → 4 H = 1 VH → High
    ['China', 'L H M M - L L L H H M M M M M', 'high', 'very_high'],
    // 8 L, 5 M, 2 H → 1 M → 6 M = 1 H → 3 H = 1 VH → High
    ['Mongolia', 'M H M H M L M L M L L L L L L', 'high', 'very_high'],
    // 4 L, 2 M, 7 H, 2 VH → 2 + 2 VH → Very High
    ['Russia', 'V H H L M L H V M L H H L H H', 'very_high', 'very_high'],
    // 2 L, 10 M, 3 H → 2 H → 5 H = 1 VH → High
    ['Ecoregional', 'M H H M M L M M H M M M L M M', 'high', 'very_high'],
  ])('%s', (_team, column, targetSummary, overall) => {
    const ratings = list(column);
    expect(ratings).toHaveLength(15);
    expect(summarizeRapidColumn(ratings)).toEqual({ targetSummary, overall });
  });
});

describe('notApplicableThroughout: a threat N/A for every target', () => {
  it.each<[string, boolean[], boolean]>([
    ['every target N/A', [true, true, true], true],
    ['one target not N/A (rated or not yet)', [true, false, true], false],
    ['none N/A', [false, false], false],
    ['no targets at all', [], false],
    ['a single target, N/A', [true], true],
  ])('%s', (_label, flags, expected) => {
    expect(notApplicableThroughout(flags)).toBe(expected);
  });
});

describe('summarizeMatrix', () => {
  /** Build a rating function from rows of codes: one row per threat, one column per target. */
  const matrix =
    <T extends string, G extends string>(threats: readonly T[], targets: readonly G[], rows: string[]) =>
    (threat: T, target: G): MaybeRating =>
      list(rows[threats.indexOf(threat)]!)[targets.indexOf(target)]!;

  it('2 threats × 3 targets', () => {
    const threats = ['t1', 't2'] as const;
    const targets = ['a', 'b', 'c'] as const;
    const rows = [
      'H H L', // t1: 2 High → High
      'M - V', // t2: 1 Very High → High
    ];
    expect(summarizeMatrix(threats, targets, matrix(threats, targets, rows))).toEqual({
      threatSummaries: { t1: 'high', t2: 'high' },
      // a: {H, M} → Medium; b: {H} → Medium; c: {L, VH} → High
      targetSummaries: { a: 'medium', b: 'medium', c: 'high' },
      // roll-up {High, High} = High; majority: targets at H, H, VH → High reached by 3/3 → High
      overall: 'high',
    });
  });

  it('majority override lifts the overall above the roll-up', () => {
    const threats = ['t1', 't2', 't3'] as const;
    const targets = ['a', 'b'] as const;
    const rows = [
      'V V', // Very High
      'L L', // Low
      'L -', // Low
    ];
    expect(summarizeMatrix(threats, targets, matrix(threats, targets, rows))).toEqual({
      threatSummaries: { t1: 'very_high', t2: 'low', t3: 'low' },
      targetSummaries: { a: 'high', b: 'high' },
      // roll-up {VH, L, L} = High; both targets reach Very High → majority Very High
      overall: 'very_high',
    });
  });

  it('an unrated target, using cellRating with not-set and N/A cells', () => {
    const threats = ['x', 'y'] as const;
    const targets = ['p', 'q', 'r'] as const;
    type Cell = Parameters<typeof cellRating>[0];
    const NA: Cell = { scope: 'very_high', severity: 'very_high', irreversibility: 'very_high', notApplicable: true };
    const unset: Cell = { scope: 'high', severity: null, irreversibility: 'high' };
    const cells: Record<string, Cell> = {
      'x/p': NA,
      'y/p': unset,
      'x/q': { scope: 'very_high', severity: 'high', irreversibility: 'medium' }, // High
      'y/q': { scope: 'medium', severity: 'medium', irreversibility: 'very_high' }, // High
      'x/r': { scope: 'medium', severity: 'high', irreversibility: 'low' }, // Low
      'y/r': unset,
    };
    expect(summarizeMatrix(threats, targets, (t, g) => cellRating(cells[`${t}/${g}`]!))).toEqual({
      // x: {-, H, L} → Medium; y: {-, H, -} → Medium
      threatSummaries: { x: 'medium', y: 'medium' },
      // p: nothing → not rated; q: {H, H} → High; r: {L} → Low
      targetSummaries: { p: null, q: 'high', r: 'low' },
      // roll-up {M, M} = Medium; majority (p left out): {H, L} → Low; overall Medium
      overall: 'medium',
    });
  });

  it('an empty matrix is not rated', () => {
    expect(summarizeMatrix([], [], () => 'very_high')).toEqual({
      threatSummaries: {},
      targetSummaries: {},
      overall: null,
    });
  });

  it('a matrix with every cell not set is not rated', () => {
    expect(summarizeMatrix(['t1', 't2'], ['a', 'b'], () => null)).toEqual({
      threatSummaries: { t1: null, t2: null },
      targetSummaries: { a: null, b: null },
      overall: null,
    });
  });
});
