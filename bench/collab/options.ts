/**
 * Command-line options of `npm run bench:collab`, parsed without side effects.
 */
export interface BenchOptions {
  clients: number;
  seconds: number;
  /** Default mode: the measured seconds are split into this many rounds per server, taken in turns. */
  rounds: number;
  warmupSeconds: number;
  /** Load before a server's first measured round, so its JIT and WebAssembly compilers are done. */
  serverWarmupSeconds: number;
  rate: number;
  database: 'pglite' | 'postgres';
  capacity: boolean;
  /** Capacity mode: the largest client count tried. */
  maxClients: number;
  /** Capacity mode: the p99 fan-out latency (ms) that ends the search. */
  p99LimitMs: number;
  servers: ('heilong' | 'reference')[];
  focus: boolean;
  profile: boolean;
  seed: number;
  help: boolean;
}

export const USAGE = `npm run bench:collab -- [options]

  --clients N          simulated clients, spread over the 3 country teams (default 60)
  --seconds S          measured load per server (default 40, split over the rounds; 10 per step with --capacity)
  --rounds N           split the measured seconds into N rounds per server, the servers
                       taking turns in ABBA order (default 4: H R R H H R R H)
  --warmup S           load before each round is measured (default 3)
  --server-warmup S    load before a server's first round instead, so its JIT and
                       WebAssembly compilers have settled (default 30)
  --rate R             edits per client per second (default 2)
  --database D         Heilong's database: pglite (default) or postgres
                       (a throw-away database on postgres://postgres@127.0.0.1:5432)
  --capacity           double the clients from 30 until fan-out p99 passes --p99-limit
  --max-clients N      capacity mode: stop here (default 480; at most 600 = 3 rooms × 200)
  --p99-limit MS       capacity mode: the p99 that counts as over capacity (default 50)
  --server S           heilong, reference or both (default both)
  --focus              also move awareness focus to the cell before each edit
  --profile            write a CPU profile of Heilong's server and summarise it
  --seed N             seed of the load pattern (default 1)
`;

export class UsageError extends Error {}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    clients: 60, seconds: Number.NaN, rounds: 4, warmupSeconds: 3, serverWarmupSeconds: 30, rate: 2, database: 'pglite', capacity: false,
    maxClients: 480, p99LimitMs: 50, servers: ['heilong', 'reference'], focus: false, profile: false, seed: 1, help: false,
  };
  const number = (name: string, value: string | undefined, min: number, max: number): number => {
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`${name} needs a number from ${min} to ${max}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--clients': options.clients = Math.round(number(flag, value(), 2, 600)); break;
      case '--seconds': options.seconds = number(flag, value(), 1, 600); break;
      case '--rounds': options.rounds = Math.round(number(flag, value(), 1, 10)); break;
      case '--warmup': options.warmupSeconds = number(flag, value(), 0, 60); break;
      case '--server-warmup': options.serverWarmupSeconds = number(flag, value(), 0, 600); break;
      case '--rate': options.rate = number(flag, value(), 0.1, 50); break;
      case '--max-clients': options.maxClients = Math.round(number(flag, value(), 2, 600)); break;
      case '--p99-limit': options.p99LimitMs = number(flag, value(), 1, 10_000); break;
      case '--seed': options.seed = Math.round(number(flag, value(), 0, 2 ** 31)); break;
      case '--database': {
        const d = value();
        if (d !== 'pglite' && d !== 'postgres') throw new UsageError('--database is pglite or postgres');
        options.database = d;
        break;
      }
      case '--server': {
        const s = value();
        if (s !== 'heilong' && s !== 'reference' && s !== 'both') throw new UsageError('--server is heilong, reference or both');
        options.servers = s === 'both' ? ['heilong', 'reference'] : [s];
        break;
      }
      case '--capacity': options.capacity = true; break;
      case '--focus': options.focus = true; break;
      case '--profile': options.profile = true; break;
      case '--help': case '-h': options.help = true; break;
      default: throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (Number.isNaN(options.seconds)) options.seconds = options.capacity ? 10 : 40;
  return options;
}
