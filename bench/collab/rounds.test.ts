import { describe, expect, it } from 'vitest';
import { combineRounds, roundOrder, type Round } from './rounds';

const round = (overrides: Partial<Round>): Round => ({
  fanoutMs: [], firstReaderMs: [], sent: 0, incomplete: 0, windowMs: 1000, cpuSeconds: 0, rssPeakMiB: 0, hwmMiB: 0,
  loadGeneratorCpuSeconds: 0, preempted: { server: 0, loadGenerator: 0 }, machine: { total: 100, stolen: 0 }, durableMs: null, sharedCells: false, ...overrides,
});

describe('rounds', () => {
  it.each([
    [0, ['Heilong', 'reference']],
    [1, ['reference', 'Heilong']],
    [2, ['Heilong', 'reference']],
    [3, ['reference', 'Heilong']],
  ])('round %d runs %j', (n, order) => {
    expect(roundOrder(['Heilong', 'reference'], n)).toEqual(order);
  });

  it('pools samples and divides totals by the summed windows', () => {
    const m = combineRounds('Heilong', 60, 2, [
      round({ fanoutMs: [1, 2, 3], sent: 3, windowMs: 1000, cpuSeconds: 0.5, rssPeakMiB: 100, hwmMiB: 110, loadGeneratorCpuSeconds: 0.1, durableMs: [10], preempted: { server: 100, loadGenerator: 8 } }),
      round({ fanoutMs: [4], sent: 2, incomplete: 1, windowMs: 3000, cpuSeconds: 1.5, rssPeakMiB: 90, hwmMiB: 120, loadGeneratorCpuSeconds: 0.3, durableMs: [30, 20], sharedCells: true, preempted: { server: 300, loadGenerator: 0 } }),
    ]);
    expect(m).toMatchObject({
      server: 'Heilong', clients: 60, rate: 2,
      fanout: { count: 4, p50: 2, max: 4 },
      updatesPerSecond: 1, sentPerSecond: 1.25, incomplete: 1,
      cpuSeconds: 2, cpuPercent: 50, rssPeakMiB: 100, hwmMiB: 120, loadGeneratorCpuPercent: 10,
      durable: { count: 3, p50: 20, max: 30 }, sharedCells: true, preemptedPerSecond: { server: 100, loadGenerator: 2 },
    });
  });

  it("keeps each round's fan-out p95, in the order the rounds ran", () => {
    const hundred = (offset: number) => Array.from({ length: 100 }, (_, i) => i + 1 + offset);
    expect(combineRounds('Heilong', 60, 2, [round({ fanoutMs: hundred(0) }), round({ fanoutMs: hundred(100) })]).roundP95s).toEqual([95, 195]);
  });

  it("weighs the hypervisor's steal by each round's ticks, and keeps it per round", () => {
    const m = combineRounds('reference', 60, 2, [
      round({ fanoutMs: [1], machine: { total: 300, stolen: 30 } }),
      round({ fanoutMs: [1], machine: { total: 100, stolen: 0 } }),
    ]);
    expect(m.stolenPercent).toBeCloseTo(7.5);
    expect(m.roundStolenPercents).toEqual([10, 0]);
  });

  it('splits each edit at its first reader, over all rounds', () => {
    const m = combineRounds('Heilong', 60, 2, [
      round({ fanoutMs: [1, 2], firstReaderMs: [0.25, 0.5] }),
      round({ fanoutMs: [4], firstReaderMs: [1] }),
    ]);
    expect(m.firstReader).toMatchObject({ count: 3, p50: 0.5, max: 1 });
    expect(m.afterFirstReader).toMatchObject({ count: 3, p50: 1.5, max: 3 });
  });

  it('reports no commit latency for a server that records none', () => {
    expect(combineRounds('reference', 60, 2, [round({ fanoutMs: [1] })]).durable).toBeUndefined();
  });
});
