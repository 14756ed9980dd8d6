import type { ProfileSummary } from './profile';
import { pairedRatios, ratio, verdict, type Summary } from './stats';

/**
 * Formatting of the benchmark's figures. Pure: takes measurements, returns text.
 */
export interface Measurement {
  server: string;
  clients: number;
  rate: number;
  fanout: Summary;
  /**
   * Fan-out split at the first reader: edit → first reader is the writer's socket, the server's path and one
   * reader; first → last reader is mostly the load generator taking the update into the other readers, one
   * after another in one process, while the server finishes its own work for the edit on the other cores.
   */
  firstReader: Summary;
  afterFirstReader: Summary;
  /** Fan-out p95 of each round, in the order they ran. */
  roundP95s: number[];
  /** Measured edits that reached every reader, per second of the window. */
  updatesPerSecond: number;
  sentPerSecond: number;
  incomplete: number;
  cpuSeconds: number;
  cpuPercent: number;
  rssPeakMiB: number;
  hwmMiB: number;
  loadGeneratorCpuPercent: number;
  /**
   * Involuntary context switches per second of the server's socket thread and of the load generator. With every
   * process on two cores, a reader woken by the server's write often takes the server's own core: the server then
   * waits mid-relay, and whatever it still has to do for the edit shares that core with the readers.
   */
  preemptedPerSecond: { server: number; loadGenerator: number };
  /** Share of the machine's CPU time the hypervisor gave to other guests during the measured rounds, and per round. */
  stolenPercent: number;
  roundStolenPercents: number[];
  /** Heilong only: receipt → commit, measured in the server. */
  durable?: Summary;
  sharedCells: boolean;
}

export const TARGETS = { p95Ratio: 1.0, durableP99Ms: 100 } as const;

/**
 * Steal above this in any round makes its latencies a measure of the host. Steal comes
 * in bursts that stall every edit in flight: a round that lost 5% of its time that way
 * may have stalled 5% of its edits, enough to set its p95. Bursts of 50% have been seen
 * to move one round's p95 a hundred-fold.
 */
export const STEAL_LIMIT_PERCENT = 5;

const ms = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const num = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
/** A ratio to two decimals, or three where two would round a miss down onto the target. */
const ratioText = (r: number, target: number) => (r > target && Number(num(r, 2)) <= target ? num(r, 3) : num(r, 2));

function table(rows: string[][], alignLeft = 1): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c < alignLeft ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ').trimEnd()).join('\n');
}

export function describeRun(m: Pick<Measurement, 'clients' | 'rate'>, seconds: number, warmup: number, rooms: number): string {
  const perRoom = Math.round(m.clients / rooms);
  return `${m.clients} clients (${rooms} rooms × ~${perRoom}), ${m.rate} edits/client/s (${num(m.clients * m.rate, 0)}/s offered), ${seconds} s measured after ${warmup} s warm-up`;
}

/** The default run: one column per server, then the targets. */
export function formatComparison(results: Measurement[]): string {
  const heilong = results.find((r) => r.server === 'Heilong');
  const reference = results.find((r) => r.server === 'reference');
  const rows: string[][] = [['', ...results.map((r) => r.server)]];
  const add = (label: string, value: (m: Measurement) => string) => rows.push([label, ...results.map(value)]);
  add('fan-out latency p50 (ms)', (m) => ms(m.fanout.p50));
  add('fan-out latency p95 (ms)', (m) => ms(m.fanout.p95));
  add('fan-out latency p99 (ms)', (m) => ms(m.fanout.p99));
  add('fan-out latency max (ms)', (m) => ms(m.fanout.max));
  add('… edit → first reader p50 / p95 (ms)', (m) => `${ms(m.firstReader.p50)} / ${ms(m.firstReader.p95)}`);
  add('… first → last reader p50 / p95 (ms)', (m) => `${ms(m.afterFirstReader.p50)} / ${ms(m.afterFirstReader.p95)}`);
  if (results.some((m) => m.roundP95s.length > 1)) add('fan-out p95 of each round (ms)', (m) => m.roundP95s.map(ms).join(' '));
  add('updates/s reaching every reader', (m) => num(m.updatesPerSecond));
  add('edits sent/s', (m) => num(m.sentPerSecond));
  add('edits some reader never got', (m) => String(m.incomplete));
  add('server CPU user+sys (s)', (m) => num(m.cpuSeconds, 2));
  add('server CPU (% of one core)', (m) => num(m.cpuPercent, 0));
  add('server RSS peak under load (MiB)', (m) => num(m.rssPeakMiB, 0));
  add('server VmHWM, whole life (MiB)', (m) => num(m.hwmMiB, 0));
  add('load generator CPU (% of one core)', (m) => num(m.loadGeneratorCpuPercent, 0));
  add('server socket thread preempted (/s)', (m) => num(m.preemptedPerSecond.server, 0));
  add('load generator preempted (/s)', (m) => num(m.preemptedPerSecond.loadGenerator, 0));
  add('CPU stolen by the hypervisor (% of machine)', (m) => num(m.stolenPercent));
  if (results.some((m) => m.roundStolenPercents.length > 1)) add('… each round (%)', (m) => m.roundStolenPercents.map((v) => num(v)).join(' '));
  add('received → committed p50 (ms)', (m) => ms(m.durable?.p50));
  add('received → committed p99 (ms)', (m) => ms(m.durable?.p99));
  const lines = [table(rows), ''];
  const caveat = worstSteal(results) > STEAL_LIMIT_PERCENT ? '  (unreliable: see below)' : '';
  if (heilong && reference) {
    const r = ratio(heilong.fanout.p95, reference.fanout.p95);
    lines.push(`target  fan-out p95 Heilong / reference ≤ ${TARGETS.p95Ratio.toFixed(2)}:  ${ratioText(r, TARGETS.p95Ratio)}  ${verdict(r, TARGETS.p95Ratio)}${caveat}`);
    const pairs = pairedRatios(heilong.roundP95s, reference.roundP95s);
    if (pairs.length > 1) lines.push(`        the same ratio round by round (pairs run back to back): ${pairs.map((v) => num(v, 2)).join(', ')}`);
  }
  if (heilong) {
    const p99 = heilong.durable?.p99 ?? Number.NaN;
    lines.push(`target  received → committed p99 ≤ ${TARGETS.durableP99Ms} ms:      ${ms(p99)} ms  ${verdict(p99, TARGETS.durableP99Ms)}${caveat}`);
  }
  lines.push(...warnings(results));
  return lines.join('\n');
}

/** Capacity mode: one row per server and client count, then each server's capacity. */
export function formatCapacity(results: Measurement[], p99LimitMs: number): string {
  const rows: string[][] = [[
    'server', 'clients', 'offered/s', 'updates/s', 'p50 ms', 'p95 ms', 'p99 ms', 'undelivered', 'CPU %', 'RSS MiB', 'loadgen CPU %', 'stolen %', 'commit p99 ms',
  ]];
  for (const m of results) {
    rows.push([
      m.server, String(m.clients), num(m.clients * m.rate, 0), num(m.updatesPerSecond), ms(m.fanout.p50), ms(m.fanout.p95), ms(m.fanout.p99),
      String(m.incomplete), num(m.cpuPercent, 0), num(m.rssPeakMiB, 0), num(m.loadGeneratorCpuPercent, 0), num(m.stolenPercent), ms(m.durable?.p99),
    ]);
  }
  const lines = [table(rows), ''];
  for (const server of [...new Set(results.map((r) => r.server))]) {
    const within = results.filter((r) => r.server === server && r.fanout.p99 <= p99LimitMs && r.incomplete === 0);
    const best = within.length ? Math.max(...within.map((r) => r.clients)) : null;
    const tried = results.filter((r) => r.server === server);
    const passedAll = within.length === tried.length;
    lines.push(`capacity (fan-out p99 ≤ ${p99LimitMs} ms)  ${server}: ${best === null ? `below ${Math.min(...tried.map((r) => r.clients))} clients` : `${best} clients${passedAll ? ' (the largest step tried)' : ''}`}`);
  }
  lines.push(...warnings(results));
  return lines.join('\n');
}

const worstSteal = (results: Measurement[]) => Math.max(0, ...results.flatMap((m) => m.roundStolenPercents.filter(Number.isFinite)));

function warnings(results: Measurement[]): string[] {
  const notes: string[] = [];
  const steal = worstSteal(results);
  if (steal > STEAL_LIMIT_PERCENT) {
    notes.push(
      `unreliable: the hypervisor took up to ${num(steal)}% of the machine's CPU time in a round (steal in /proc/stat; ` +
        `above ${STEAL_LIMIT_PERCENT}% the latencies measure the host more than the servers). Run again when the machine is quiet.`,
    );
  }
  if (results.some((m) => m.loadGeneratorCpuPercent > 85)) {
    notes.push('note: the load generator (this process) used > 85% of a core in some runs: latencies there include client-side queueing.');
  }
  if (results.some((m) => m.sharedCells)) notes.push('note: more writers than cells in a room, so some clients share cells.');
  return notes;
}

export function formatProfile(summary: ProfileSummary, top = 12): string {
  const total = summary.busyMs || 1;
  const pct = (v: number) => `${((v / total) * 100).toFixed(1)}%`;
  const lines = [
    `Heilong server CPU profile (${summary.windowed ? 'measured window only' : 'whole process life, window clocks did not line up'}): ` +
      `${summary.busyMs.toFixed(0)} ms busy, ${summary.idleMs.toFixed(0)} ms idle`,
    table([['component', 'self ms', 'share'], ...summary.components.slice(0, top).map((c) => [c.name, c.ms.toFixed(0), pct(c.ms)])]),
    '',
    table([['hottest functions (self time)', 'self ms', 'share'], ...summary.functions.slice(0, top).map((f) => [f.name.slice(0, 90), f.ms.toFixed(0), pct(f.ms)])]),
  ];
  return lines.join('\n');
}
