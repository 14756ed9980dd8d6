import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { COLLAB_PATH } from '../../server/collab/protocol';
import { onCleanup } from './proc';

/**
 * The two servers under test, each a child process on loopback: Heilong's real
 * entry point (server/start.ts, which builds the app when needed) and the
 * reference relay from @y/websocket-server (no auth, no persistence).
 */
export const ROOT = new URL('../..', import.meta.url).pathname;

export interface RunningServer {
  label: string;
  pid: number;
  /** y-websocket base address; the room name is appended. */
  url: string;
  /** Heilong wants a signed ticket per connection; the reference takes anyone. */
  needsTicket: boolean;
  /** Heilong only: every receipt → commit latency (ms) the server has recorded so far. */
  durableLatencies?: () => Promise<number[]>;
  stop(): Promise<void>;
}

const METRICS_PREFIX = 'HEILONG_COLLAB_METRICS ';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

interface ChildOptions {
  label: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** A line on stdout that means "listening". */
  ready: RegExp;
  readyTimeoutMs: number;
  /** Lines shown while starting (a first start builds the app, which takes minutes). */
  echo: (line: string) => void;
}

/**
 * Starts a child in its own process group (so stopping it also stops anything it
 * started, e.g. a build), and resolves once it printed its ready line.
 */
async function startChild({ label, args, env, ready, readyTimeoutMs, echo }: ChildOptions) {
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const pid = child.pid!;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(-pid, s);
      } catch {
        // Already gone.
      }
    };
    signal('SIGTERM');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      signal('SIGKILL');
      await exited;
    }
  });

  const recent: string[] = [];
  const lineWaiters: ((line: string) => boolean)[] = [];
  let isReady = false;
  const onLine = (line: string) => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
    for (const waiter of [...lineWaiters]) if (waiter(line)) lineWaiters.splice(lineWaiters.indexOf(waiter), 1);
    if (!line.startsWith(METRICS_PREFIX) && (!isReady || /error|fail/i.test(line))) echo(`  [${label}] ${line}`);
  };
  createInterface({ input: child.stdout! }).on('line', onLine);
  createInterface({ input: child.stderr! }).on('line', onLine);

  /** The next line that `match` accepts, or a rejection after `timeoutMs` or at exit. */
  const nextLine = (match: (line: string) => boolean, timeoutMs: number, what: string) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${label}: no ${what} within ${timeoutMs / 1000} s`)), timeoutMs);
      lineWaiters.push((line) => {
        if (!match(line)) return false;
        clearTimeout(timer);
        resolve(line);
        return true;
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${label} exited (code ${code}) before ${what}:\n${recent.join('\n')}`));
      });
    });

  await nextLine((line) => ready.test(line), readyTimeoutMs, 'ready line');
  isReady = true;
  return { pid, stop, nextLine };
}

export interface HeilongOptions {
  dataDir: string;
  databaseUrl?: string;
  secret: string;
  /** Write a V8 CPU profile of the server into this folder (node --cpu-prof). */
  cpuProfileDir?: string;
  echo: (line: string) => void;
}

/** Heilong as `npm start` runs it (build if needed, then server/main.ts), with the metrics hook on. */
export async function startHeilong({ dataDir, databaseUrl, secret, cpuProfileDir, echo }: HeilongOptions): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    HEILONG_DATA_DIR: dataDir,
    NEXTAUTH_SECRET: secret,
    HEILONG_COLLAB_METRICS: '1',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  for (const name of ['DATABASE_URL', 'HEILONG_PUBLIC_URL', 'HEILONG_DEV', 'HEILONG_DEMO', 'NODE_OPTIONS']) delete env[name];
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  // `node --import tsx` rather than the tsx command, so the pid measured is the server itself.
  const child = await startChild({
    label: 'heilong',
    args: [...profile, '--import', 'tsx', join(ROOT, 'server', 'start.ts')],
    env,
    ready: /Heilong is running at/,
    readyTimeoutMs: 15 * 60_000,
    echo,
  });
  return {
    label: 'Heilong',
    pid: child.pid,
    url: `ws://127.0.0.1:${port}${COLLAB_PATH}`,
    needsTicket: true,
    async durableLatencies() {
      const reply = child.nextLine((line) => line.startsWith(METRICS_PREFIX), 15_000, 'metrics line');
      process.kill(child.pid, 'SIGUSR2');
      const { durableMs } = JSON.parse((await reply).slice(METRICS_PREFIX.length)) as { durableMs: number[] };
      return durableMs;
    },
    stop: child.stop,
  };
}

/** The reference relay, `node node_modules/@y/websocket-server/src/server.js`, in memory only. */
export async function startReference(echo: (line: string) => void): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port) };
  // Its optional LevelDB persistence and HTTP callback stay off.
  for (const name of ['YPERSISTENCE', 'CALLBACK_URL', 'NODE_OPTIONS']) delete env[name];
  const child = await startChild({
    label: 'reference',
    args: [join(ROOT, 'node_modules', '@y', 'websocket-server', 'src', 'server.js')],
    env,
    ready: /running at/,
    readyTimeoutMs: 30_000,
    echo,
  });
  // The same path as Heilong's, so both get byte-identical room URLs.
  return { label: 'reference', pid: child.pid, url: `ws://127.0.0.1:${port}${COLLAB_PATH}`, needsTicket: false, stop: child.stop };
}
