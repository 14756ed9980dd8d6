import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClients, type ClientSession } from './clients';
import { parseOptions, USAGE, UsageError, type BenchOptions } from './options';
import { cleanupAll, cleanUpOnSignals, onCleanup, watchMachine, watchProcess, watchSelf } from './proc';
import { formatCapacity, formatComparison, formatProfile, describeRun, type Measurement } from './report';
import { monotonicMicros, readMainThreadProfile, summariseProfile, type ProfileSummary } from './profile';
import { combineRounds, roundOrder, type Round } from './rounds';
import { startHeilong, startReference, type RunningServer } from './servers';
import { createPostgresDatabase, prepareWorld, type DatabaseChoice, type World } from './setup';
import { capacitySteps } from './stats';

/**
 * `npm run bench:collab`: the same simulated workshop load against Heilong's
 * collaboration server (authentication, permissions, persistence on) and against
 * the reference y-websocket relay, one after the other; prints fan-out latency,
 * throughput, CPU and memory of each, and Heilong's receipt → commit latency.
 * Prints figures and targets; never fails on a missed target.
 */
const DRAIN_MS = 5000;
const log = (line: string) => console.error(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function connect(server: RunningServer, world: World, secret: string, options: BenchOptions, clients: number): Promise<ClientSession> {
  log(`  ${server.label}: ${clients} clients connecting…`);
  return connectClients(server, world, secret, { clients, rate: options.rate, seed: options.seed, focus: options.focus });
}

/** The session edits for the warm-up and then `seconds` measured; editing stops however this ends. */
async function loadWindow(server: RunningServer, session: ClientSession, options: BenchOptions, seconds: number, windows: [number, number][], warmupSeconds: number) {
  session.startEditing();
  try {
    if (warmupSeconds > options.warmupSeconds) log(`  ${server.label}: warming up ${warmupSeconds} s (JIT and WebAssembly compilers)…`);
    await sleep(warmupSeconds * 1000);
    const durableBefore = server.durableLatencies ? (await server.durableLatencies()).length : 0;
    const serverUsage = watchProcess(server.pid);
    const selfUsage = watchSelf();
    const machineUsage = watchMachine();
    const startedAt = monotonicMicros();
    session.openWindow();
    log(`  ${server.label}: measuring ${seconds} s…`);
    await sleep(seconds * 1000);
    session.closeWindow();
    windows.push([startedAt, monotonicMicros()]);
    return { durableBefore, usage: serverUsage.stop(), self: selfUsage.stop(), machine: machineUsage.stop() };
  } finally {
    session.closeWindow();
  }
}

/** One measured round of a connected session's clients against its server, for `seconds`. */
async function measureRound(server: RunningServer, session: ClientSession, options: BenchOptions, seconds: number, windows: [number, number][], warmupSeconds: number): Promise<Round> {
  const { durableBefore, usage, self, machine } = await loadWindow(server, session, options, seconds, windows, warmupSeconds);
  await session.drain(DRAIN_MS);
  // Commits trail delivery by up to a batch window and a transaction.
  await sleep(500);
  const durableAll = server.durableLatencies ? await server.durableLatencies() : null;
  const result = session.result();
  return {
    fanoutMs: result.fanoutMs,
    firstReaderMs: result.firstReaderMs,
    sent: result.sent,
    incomplete: result.incomplete,
    windowMs: result.windowMs,
    cpuSeconds: usage.cpuSeconds,
    rssPeakMiB: usage.rssPeakMiB,
    hwmMiB: usage.hwmMiB,
    loadGeneratorCpuSeconds: self.cpuSeconds,
    preempted: { server: usage.preempted, loadGenerator: self.preempted },
    machine,
    durableMs: durableAll ? durableAll.slice(durableAll.length >= durableBefore ? durableBefore : 0) : null,
    sharedCells: result.sharedCells,
  };
}

const describeFigures = (m: Measurement) =>
  `${m.server}, ${m.clients} clients: p50 ${m.fanout.p50.toFixed(1)} / p95 ${m.fanout.p95.toFixed(1)} / p99 ${m.fanout.p99.toFixed(1)} ms, ${m.updatesPerSecond.toFixed(0)} updates/s`;

async function main(options: BenchOptions) {
  cleanUpOnSignals();
  const loadBefore = loadavg()[0]!;
  const temp = mkdtempSync(join(tmpdir(), 'heilong-bench-'));
  onCleanup(() => rmSync(temp, { recursive: true, force: true }));
  const secret = randomBytes(32).toString('base64url');
  const steps = options.capacity ? capacitySteps(30, options.maxClients) : [options.clients];
  const maxClients = Math.max(...steps);

  log(`Preparing Heilong's database (${options.database}): AHEC programme, open detailed assessment, ${Math.ceil(maxClients / 3)} members per country team…`);
  let database: DatabaseChoice;
  if (options.database === 'postgres') {
    const created = await createPostgresDatabase();
    onCleanup(() => (created.kind === 'postgres' ? created.drop() : undefined));
    database = created;
  } else {
    database = { kind: 'pglite', dataDir: join(temp, 'data') };
  }
  const world = await prepareWorld(database, Math.ceil(maxClients / 3), secret);

  // Both servers run for the whole bench (an idle one costs nothing) and take turns under load.
  const profileDir = options.profile ? join(temp, 'profile') : undefined;
  const servers: RunningServer[] = [];
  try {
    for (const which of options.servers) {
      log(which === 'heilong' ? 'Starting Heilong (server/start.ts; builds the app first if the build is missing or stale)…' : 'Starting the reference relay (@y/websocket-server)…');
      servers.push(which === 'heilong'
        ? await startHeilong({ dataDir: join(temp, 'data'), databaseUrl: database.kind === 'postgres' ? database.url : undefined, secret, cpuProfileDir: profileDir, echo: log })
        : await startReference(log));
    }
    const windows = new Map<RunningServer, [number, number][]>(servers.map((server) => [server, []]));
    /** Seconds of load before a round: longer before a server's first, while its JIT and WebAssembly compilers are busy. */
    const warmedUp = new Set<RunningServer>();
    const warmup = (server: RunningServer) => {
      if (warmedUp.has(server)) return options.warmupSeconds;
      warmedUp.add(server);
      return options.serverWarmupSeconds;
    };
    const results: Measurement[] = [];
    if (options.capacity) {
      // Each step once per server, the order alternating from step to step; a server stops once over the limit.
      const over = new Set<RunningServer>();
      for (const [index, clients] of steps.entries()) {
        for (const server of roundOrder(servers, index).filter((s) => !over.has(s))) {
          const session = await connect(server, world, secret, options, clients);
          const round = await measureRound(server, session, options, options.seconds, windows.get(server)!, warmup(server)).finally(() => session.close());
          const m = combineRounds(server.label, clients, options.rate, [round]);
          results.push(m);
          log(`  ${describeFigures(m)}`);
          if (!(m.fanout.p99 <= options.p99LimitMs) || m.incomplete > 0) over.add(server);
          await sleep(1000);
        }
      }
      const position = (m: Measurement) => servers.findIndex((s) => s.label === m.server);
      results.sort((a, b) => position(a) - position(b) || a.clients - b.clients);
    } else {
      // Each server's clients stay connected from before the first round to the end, as in a workshop: clients
      // that reconnected every round would each come back as a new Yjs client, and every transaction's cost grows
      // with the number of clients a document has seen, so later rounds would measure that more than the server.
      // Both sets connect first, so every round has the other server's idle clients beside it.
      const rounds = new Map<RunningServer, Round[]>(servers.map((server) => [server, []]));
      const sessions = new Map<RunningServer, ClientSession>();
      try {
        for (const server of servers) sessions.set(server, await connect(server, world, secret, options, options.clients));
        for (let round = 0; round < options.rounds; round++) {
          for (const server of roundOrder(servers, round)) {
            rounds.get(server)!.push(await measureRound(server, sessions.get(server)!, options, options.seconds / options.rounds, windows.get(server)!, warmup(server)));
          }
        }
      } finally {
        for (const session of sessions.values()) await session.close();
      }
      for (const server of servers) {
        const m = combineRounds(server.label, options.clients, options.rate, rounds.get(server)!);
        results.push(m);
        log(`  ${describeFigures(m)}`);
      }
    }
    // Stopped before reporting: a profiled server writes its profile as it exits.
    for (const server of servers) await server.stop();

    const heilong = servers.find((s) => s.label === 'Heilong');
    const profile = profileDir && heilong ? readMainThreadProfile(profileDir, heilong.pid) : null;
    report(options, results, loadBefore, world, profile ? summariseProfile(profile, windows.get(heilong!)!) : null);
  } finally {
    for (const server of servers) await server.stop();
  }
}

function report(options: BenchOptions, results: Measurement[], loadBefore: number, world: World, profileSummary: ProfileSummary | null) {
  const date = new Date().toISOString().slice(0, 10);
  const first = results[0]!;
  console.log('');
  console.log(`Heilong collaboration benchmark, ${date}, ${cpus().length} cores, Node ${process.version}, Heilong database: ${options.database}`);
  // Other work on the machine skews every figure; the load average shows whether there was any.
  console.log(`1-minute load average: ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after (includes the bench itself)`);
  console.log(options.capacity
    ? `capacity: ${capacitySteps(30, options.maxClients).join(' → ')} clients over 3 rooms, ${options.rate} edits/client/s, ${options.seconds} s measured per step after ${options.warmupSeconds} s warm-up (${options.serverWarmupSeconds} s before a server's first), servers alternating`
    : `${describeRun(first, options.seconds, options.warmupSeconds, world.teams.length)}, ${options.serverWarmupSeconds} s before a server's first round; ${options.rounds} round(s) per server taken in turns (${[0, 1, 2, 3].flatMap((r) => roundOrder(results.map((m) => m.server), r)).slice(0, results.length * options.rounds).join(', ')})`);
  console.log(`Heilong: server/start.ts with ticket auth, permissions and persistence; reference: @y/websocket-server 0.1.1 (no auth, no persistence)${options.focus ? '; awareness focus moves before each edit' : ''}`);
  console.log('');
  console.log(options.capacity ? formatCapacity(results, options.p99LimitMs) : formatComparison(results));
  if (profileSummary) {
    console.log('');
    console.log('(profiled run: the profiler itself slows Heilong down; take the figures above from a run without --profile)');
    console.log(formatProfile(profileSummary));
  }
}

let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
try {
  await main(options);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanupAll();
}
// Sockets of destroyed providers may linger; the figures are printed.
process.exit();
