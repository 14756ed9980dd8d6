import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClients } from './clients';
import { parseOptions, USAGE, UsageError, type BenchOptions } from './options';
import { cleanupAll, cleanUpOnSignals, onCleanup, watchProcess, watchSelf } from './proc';
import { formatCapacity, formatComparison, formatProfile, describeRun, type Measurement } from './report';
import { monotonicMicros, readMainThreadProfile, summariseProfile } from './profile';
import { startHeilong, startReference, type RunningServer } from './servers';
import { createPostgresDatabase, prepareWorld, type DatabaseChoice, type World } from './setup';
import { capacitySteps, summarize } from './stats';

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

/** One measured run of `clients` clients against a started server. */
async function measure(server: RunningServer, world: World, secret: string, options: BenchOptions, clients: number, window?: (start: number, end: number) => void): Promise<Measurement> {
  log(`  ${server.label}: ${clients} clients connecting…`);
  const session = await connectClients(server, world, secret, { clients, rate: options.rate, seed: options.seed, focus: options.focus });
  try {
    session.startEditing();
    await sleep(options.warmupSeconds * 1000);
    const durableBefore = server.durableLatencies ? (await server.durableLatencies()).length : 0;
    const serverUsage = watchProcess(server.pid);
    const selfUsage = watchSelf();
    const startedAt = monotonicMicros();
    session.openWindow();
    log(`  ${server.label}: measuring ${options.seconds} s…`);
    await sleep(options.seconds * 1000);
    session.closeWindow();
    const usage = serverUsage.stop();
    const self = selfUsage.stop();
    window?.(startedAt, monotonicMicros());
    await session.drain(DRAIN_MS);
    // Commits trail delivery by up to a batch window and a transaction.
    await sleep(500);
    const durableAll = server.durableLatencies ? await server.durableLatencies() : null;
    const result = session.result();
    const seconds = result.windowMs / 1000;
    return {
      server: server.label,
      clients,
      rate: options.rate,
      fanout: summarize(result.fanoutMs),
      updatesPerSecond: result.fanoutMs.length / seconds,
      sentPerSecond: result.sent / seconds,
      incomplete: result.incomplete,
      cpuSeconds: usage.cpuSeconds,
      cpuPercent: usage.cpuPercent,
      rssPeakMiB: usage.rssPeakMiB,
      hwmMiB: usage.hwmMiB,
      loadGeneratorCpuPercent: self.cpuPercent,
      durable: durableAll ? summarize(durableAll.slice(durableAll.length >= durableBefore ? durableBefore : 0)) : undefined,
      sharedCells: result.sharedCells,
    };
  } finally {
    await session.close();
  }
}

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

  const results: Measurement[] = [];
  let profileSummary: ReturnType<typeof summariseProfile> | null = null;
  for (const which of options.servers) {
    const profileDir = which === 'heilong' && options.profile ? join(temp, 'profile') : undefined;
    log(which === 'heilong' ? 'Starting Heilong (server/start.ts; builds the app first if the build is missing or stale)…' : 'Starting the reference relay (@y/websocket-server)…');
    const server = which === 'heilong'
      ? await startHeilong({ dataDir: join(temp, 'data'), databaseUrl: database.kind === 'postgres' ? database.url : undefined, secret, cpuProfileDir: profileDir, echo: log })
      : await startReference(log);
    let window: [number, number] | undefined;
    try {
      for (const clients of steps) {
        const m = await measure(server, world, secret, options, clients, (start, end) => (window = [start, end]));
        results.push(m);
        log(`  ${server.label}, ${clients} clients: p50 ${m.fanout.p50.toFixed(1)} / p95 ${m.fanout.p95.toFixed(1)} / p99 ${m.fanout.p99.toFixed(1)} ms, ${m.updatesPerSecond.toFixed(0)} updates/s`);
        if (options.capacity && (!(m.fanout.p99 <= options.p99LimitMs) || m.incomplete > 0)) break;
        if (options.capacity) await sleep(1000);
      }
    } finally {
      await server.stop();
    }
    if (profileDir) {
      const profile = readMainThreadProfile(profileDir, server.pid);
      if (profile) profileSummary = summariseProfile(profile, window);
    }
  }

  const date = new Date().toISOString().slice(0, 10);
  const first = results[0]!;
  console.log('');
  console.log(`Heilong collaboration benchmark, ${date}, ${cpus().length} cores, Node ${process.version}, Heilong database: ${options.database}`);
  // Other work on the machine skews every figure; the load average shows whether there was any.
  console.log(`1-minute load average: ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after (includes the bench itself)`);
  console.log(options.capacity
    ? `capacity: ${steps.join(' → ')} clients over 3 rooms, ${options.rate} edits/client/s, ${options.seconds} s measured per step after ${options.warmupSeconds} s warm-up`
    : describeRun(first, options.seconds, options.warmupSeconds, world.teams.length));
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
