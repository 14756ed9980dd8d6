import { describe, expect, it } from 'vitest';
import { formatComparison, type Measurement } from './report';
import { summarize } from './stats';

const measurement = (server: string, roundP95s: number[], roundStolenPercents = roundP95s.map(() => 0), fanout = summarize([1, 2, 3])): Measurement => ({
  server, clients: 60, rate: 2, fanout, firstReader: summarize([0.1, 0.2]), afterFirstReader: summarize([0.5, 0.75]), roundP95s, updatesPerSecond: 120, sentPerSecond: 120, incomplete: 0,
  cpuSeconds: 1, cpuPercent: 3, rssPeakMiB: 80, hwmMiB: 90, loadGeneratorCpuPercent: 12, preemptedPerSecond: { server: 110.4, loadGenerator: 40 }, sharedCells: false,
  stolenPercent: Math.max(0, ...roundStolenPercents), roundStolenPercents,
});

describe('formatComparison', () => {
  it("shows each round's p95 and the ratio round by round, beside the pooled ratio", () => {
    const text = formatComparison([measurement('Heilong', [2, 3]), measurement('reference', [2.5, 2])]);
    expect(text).toMatch(/fan-out p95 of each round \(ms\)\s+2\.00 3\.00\s+2\.50 2\.00/);
    expect(text).toContain('target  fan-out p95 Heilong / reference ≤ 1.00:  1.00  PASS');
    expect(text).toContain('the same ratio round by round (pairs run back to back): 0.80, 1.50');
  });

  it('splits fan-out at the first reader', () => {
    const text = formatComparison([measurement('Heilong', [2]), measurement('reference', [2])]);
    expect(text).toMatch(/… edit → first reader p50 \/ p95 \(ms\)\s+0\.10 \/ 0\.20\s+0\.10 \/ 0\.20/);
    expect(text).toMatch(/… first → last reader p50 \/ p95 \(ms\)\s+0\.50 \/ 0\.75/);
  });

  it.each([
    [1.2, 1.2, '1.00  PASS'],
    [1.204, 1.2, '1.003  MISS'],
    [1.19, 1.2, '0.99  PASS'],
    [1.3, 1.2, '1.08  MISS'],
  ])('prints a p95 of %d over %d as %s: a ratio just above the target never reads as the target', (heilong, reference, shown) => {
    const text = formatComparison([
      measurement('Heilong', [heilong], [0], summarize([heilong])),
      measurement('reference', [reference], [0], summarize([reference])),
    ]);
    expect(text).toContain(`target  fan-out p95 Heilong / reference ≤ 1.00:  ${shown}`);
  });

  it('shows how often each side was preempted', () => {
    const text = formatComparison([measurement('Heilong', [2]), measurement('reference', [2])]);
    expect(text).toMatch(/server socket thread preempted \(\/s\)\s+110\s+110/);
    expect(text).toMatch(/load generator preempted \(\/s\)\s+40\s+40/);
  });

  it('leaves the round-by-round lines out when each server ran once', () => {
    const text = formatComparison([measurement('Heilong', [2]), measurement('reference', [2])]);
    expect(text).not.toContain('each round');
    expect(text).not.toContain('round by round');
  });

  it('shows the steal of each round and calls the run unreliable when any round had more than the limit', () => {
    const text = formatComparison([measurement('Heilong', [2, 3], [0.5, 12]), measurement('reference', [2.5, 2], [1, 0])]);
    expect(text).toMatch(/… each round \(%\)\s+0\.5 12\.0\s+1\.0 0\.0/);
    expect(text).toContain('unreliable: the hypervisor took up to 12.0% of the machine');
    expect(text).toContain('target  fan-out p95 Heilong / reference ≤ 1.00:  1.00  PASS  (unreliable: see below)');
  });

  it('does not call a quiet run unreliable', () => {
    const text = formatComparison([measurement('Heilong', [2, 3], [0.5, 5]), measurement('reference', [2.5, 2], [1, 0])]);
    expect(text).not.toContain('unreliable');
  });
});
