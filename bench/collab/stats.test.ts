import { describe, expect, it } from 'vitest';
import { ownedCells, placement } from './clients';
import { parseCpuLine, statusNumber } from './proc';
import { capacitySteps, cpuPercent, pairedRatios, percentile, prng, ratio, sharePercent, summarize, verdict } from './stats';

describe('percentile (nearest rank)', () => {
  it.each([
    [[5], 50, 5],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 100, 4],
    [[4, 3, 2, 1], 0, 1],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
    [Array.from({ length: 100 }, (_, i) => i + 1), 99, 99],
    [Array.from({ length: 1000 }, (_, i) => 1000 - i), 99, 990],
  ])('of %j at p%d is %d', (samples, p, expected) => {
    expect(percentile(samples, p)).toBe(expected);
  });

  it('is NaN without samples and leaves its input alone', () => {
    expect(percentile([], 50)).toBeNaN();
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('summarises', () => {
    expect(summarize([10, 30, 20])).toEqual({ count: 3, p50: 20, p95: 30, p99: 30, max: 30 });
  });
});

describe('targets and rates', () => {
  it('passes at or below the target only', () => {
    expect(verdict(1, 1)).toBe('PASS');
    expect(verdict(1.01, 1)).toBe('MISS');
    expect(verdict(Number.NaN, 1)).toBe('MISS');
  });

  it('divides only real figures', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
  });

  it('turns ticks into percent of one core', () => {
    expect(cpuPercent(150, 100, 1000)).toBe(150);
  });

  it.each([
    [25, 100, 25],
    [0, 0, Number.NaN],
  ])('%d of %d is %d%%', (part, whole, percent) => {
    expect(sharePercent(part, whole)).toEqual(percent);
  });

  it("reads the machine's total and stolen ticks from /proc/stat's cpu line (guest time is already in user)", () => {
    expect(parseCpuLine('cpu  28994 2201 9394 122020 602 0 1765 19385 7 0')).toEqual({ total: 184361, stolen: 19385 });
    expect(() => parseCpuLine('cpu  1 2 3')).toThrow(/unexpected/);
  });

  const STATUS = 'Name:\tnode\nVmHWM:\t  601234 kB\nVmRSS:\t  498000 kB\nvoluntary_ctxt_switches:\t1532\nnonvoluntary_ctxt_switches:\t1151\n';
  it.each([
    ['VmRSS', 498000],
    ['VmHWM', 601234],
    ['nonvoluntary_ctxt_switches', 1151],
    ['voluntary_ctxt_switches', 1532],
    ['VmSwap', Number.NaN],
  ])('reads %s from /proc/<pid>/status as %d', (field, value) => {
    expect(statusNumber(STATUS, field)).toEqual(value);
  });
});

describe('load shape', () => {
  it('doubles the client count up to the bound', () => {
    expect(capacitySteps(30, 480)).toEqual([30, 60, 120, 240, 480]);
    expect(capacitySteps(30, 200)).toEqual([30, 60, 120]);
    expect(capacitySteps(30, 10)).toEqual([10]);
  });

  it('spreads clients round-robin over teams and gives each its own cells', () => {
    expect([0, 1, 2, 3].map((i) => placement(i, 3))).toEqual([
      { team: 0, member: 0 }, { team: 1, member: 0 }, { team: 2, member: 0 }, { team: 0, member: 1 },
    ]);
    const cells = Array.from({ length: 75 }, (_, i) => i);
    const owned = Array.from({ length: 20 }, (_, m) => ownedCells(cells, m, 20));
    expect(owned.flat().sort((a, b) => a - b)).toEqual(cells);
    expect(ownedCells(cells, 80, 100)).toEqual([5]);
  });

  it('repeats the same pseudo-random sequence for the same seed', () => {
    const a = prng(7);
    const b = prng(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('pairedRatios', () => {
  it.each([
    [[2, 3], [1, 3], [2, 1]],
    [[2, 3, 4], [1, 2], [2, 1.5]],
    [[2], [1, 2], [2]],
    [[1, 2], [0, 4], [Number.NaN, 0.5]],
    [[], [1], []],
  ])('of %j over %j is %j', (numerators, denominators, expected) => {
    expect(pairedRatios(numerators, denominators)).toEqual(expected);
  });
});
