import type { MachineTicks } from './proc';
import type { Measurement } from './report';
import { percentile, sharePercent, summarize } from './stats';

/**
 * Rounds of the benchmark. Whatever runs first meets a colder machine and a
 * colder load generator, so the servers take turns in ABBA order
 * (Heilong, reference, reference, Heilong …) and each server's rounds are pooled.
 * Pure: no clocks, no I/O.
 */
export interface Round {
  /** Fan-out latency of every measured edit that reached all its readers. */
  fanoutMs: number[];
  /** For the same edits, in the same order: the time until the first reader had it. */
  firstReaderMs: number[];
  sent: number;
  incomplete: number;
  windowMs: number;
  cpuSeconds: number;
  rssPeakMiB: number;
  hwmMiB: number;
  loadGeneratorCpuSeconds: number;
  /** Involuntary context switches of the server's socket thread and of the load generator during the round. */
  preempted: { server: number; loadGenerator: number };
  /** The whole machine's CPU ticks during the round, and how many of them the hypervisor took. */
  machine: MachineTicks;
  /** Receipt → commit latencies recorded during the round (Heilong only). */
  durableMs: number[] | null;
  sharedCells: boolean;
}

/** The order of the servers in round `round`: as given in even rounds, reversed in odd ones. */
export function roundOrder<T>(servers: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...servers] : [...servers].reverse();
}

/** One server's rounds as one measurement: samples pooled, rates over the summed windows, peaks as peaks. */
export function combineRounds(server: string, clients: number, rate: number, rounds: readonly Round[]): Measurement {
  const seconds = rounds.reduce((sum, r) => sum + r.windowMs, 0) / 1000;
  const fanoutMs = rounds.flatMap((r) => r.fanoutMs);
  const cpuSeconds = rounds.reduce((sum, r) => sum + r.cpuSeconds, 0);
  const machine = rounds.reduce((sum, r) => ({ total: sum.total + r.machine.total, stolen: sum.stolen + r.machine.stolen }), { total: 0, stolen: 0 });
  const durable = rounds.every((r) => r.durableMs) ? rounds.flatMap((r) => r.durableMs!) : null;
  return {
    server,
    clients,
    rate,
    fanout: summarize(fanoutMs),
    firstReader: summarize(rounds.flatMap((r) => r.firstReaderMs)),
    afterFirstReader: summarize(rounds.flatMap((r) => r.fanoutMs.map((ms, i) => ms - r.firstReaderMs[i]!))),
    roundP95s: rounds.map((r) => percentile(r.fanoutMs, 95)),
    updatesPerSecond: fanoutMs.length / seconds,
    sentPerSecond: rounds.reduce((sum, r) => sum + r.sent, 0) / seconds,
    incomplete: rounds.reduce((sum, r) => sum + r.incomplete, 0),
    cpuSeconds,
    cpuPercent: (cpuSeconds / seconds) * 100,
    rssPeakMiB: Math.max(...rounds.map((r) => r.rssPeakMiB)),
    hwmMiB: Math.max(...rounds.map((r) => r.hwmMiB)),
    loadGeneratorCpuPercent: (rounds.reduce((sum, r) => sum + r.loadGeneratorCpuSeconds, 0) / seconds) * 100,
    preemptedPerSecond: {
      server: rounds.reduce((sum, r) => sum + r.preempted.server, 0) / seconds,
      loadGenerator: rounds.reduce((sum, r) => sum + r.preempted.loadGenerator, 0) / seconds,
    },
    stolenPercent: sharePercent(machine.stolen, machine.total),
    roundStolenPercents: rounds.map((r) => sharePercent(r.machine.stolen, r.machine.total)),
    durable: durable && durable.length ? summarize(durable) : undefined,
    sharedCells: rounds.some((r) => r.sharedCells),
  };
}
