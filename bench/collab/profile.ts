import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a server spent its CPU: a V8 CPU profile (node --cpu-prof) grouped by
 * component (database engine, Yjs, sockets, Heilong's collab modules …), counted
 * only inside the measured window when the window is given.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled (non-idle) milliseconds. */
  busyMs: number;
  idleMs: number;
  /** Whether samples were restricted to the window (the clocks lined up). */
  windowed: boolean;
  components: { name: string; ms: number }[];
  functions: { name: string; ms: number }[];
}

const shorten = (url: string) => url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*?\/(server|db|components)\//, '$1/');

/** Which component a frame belongs to. */
export function componentOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return 'V8 garbage collector';
  if (functionName === '(program)') return 'V8 / native (program)';
  if (url.includes('/@electric-sql/pglite/')) return 'PGlite (JS side)';
  // The only WebAssembly in the server is PGlite's PostgreSQL.
  if (url.startsWith('wasm://')) return 'PGlite (PostgreSQL in WASM)';
  if (url.includes('/drizzle-orm/')) return 'drizzle-orm';
  if (/\/node_modules\/(pg|pg-protocol|pg-pool)\//.test(url)) return 'pg driver';
  if (url.includes('/node_modules/yjs/')) return 'Yjs';
  if (url.includes('/node_modules/y-protocols/')) return 'y-protocols';
  if (url.includes('/node_modules/lib0/')) return 'lib0 (encoding)';
  if (url.includes('/node_modules/ws/')) return 'ws (WebSocket frames)';
  if (/\/node_modules\/(next-auth|jose)\//.test(url)) return 'next-auth';
  if (url.includes('/node_modules/next/')) return 'Next.js';
  const collab = /\/server\/collab\/([\w-]+)\.ts/.exec(url);
  if (collab) return `collab/${collab[1]}.ts`;
  if (/\/(server|db|components)\//.test(url) && !url.includes('/node_modules/')) return 'Heilong (other modules)';
  if (url.startsWith('node:')) return 'Node.js core (event loop, streams, timers)';
  if (url === '') return 'native built-ins (no script caller)';
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  return pkg ? `other: ${pkg[1]}` : 'other';
}

/**
 * Groups self time by component (native built-ins count for their nearest scripted
 * caller); `windows` are [start, end] in microseconds of the monotonic clock.
 */
export function summariseProfile(profile: CpuProfile, windows: readonly [number, number][] = []): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  /**
   * Native built-ins and Node's own modules count towards the nearest caller in a
   * package or in Heilong (writev → ws or pg); stacks with no such caller stay as they are.
   */
  const internal = (frame: ProfileNode['callFrame']) => frame.url === '' || frame.url.startsWith('node:');
  const attributed = (node: ProfileNode): ProfileNode => {
    let at: ProfileNode | undefined = node;
    while (at && internal(at.callFrame) && !at.callFrame.functionName.startsWith('(')) at = parentOf.get(at.id);
    return at && !internal(at.callFrame) ? at : node;
  };
  let t = profile.startTime;
  const end = t + profile.timeDeltas.reduce((a, b) => a + b, 0);
  const inProfile = windows.some(([from, to]) => from < end && to > t);
  const components = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (inProfile && !windows.some(([from, to]) => t >= from && t <= to)) continue;
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += delta;
      continue;
    }
    busy += delta;
    const caller = attributed(node).callFrame;
    const component = componentOf(caller.url, caller.functionName);
    components.set(component, (components.get(component) ?? 0) + delta);
    const where = url ? `${shorten(url)}:${lineNumber + 1}` : '';
    const via = caller !== node.callFrame ? ` ← ${caller.functionName || '(anonymous)'} ${shorten(caller.url)}:${caller.lineNumber + 1}` : '';
    const name = `${functionName || '(anonymous)'} ${where}${via}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + delta);
  }
  const sorted = (m: Map<string, number>) => [...m].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
  return { busyMs: busy / 1000, idleMs: idle / 1000, windowed: Boolean(inProfile), components: sorted(components), functions: sorted(functions) };
}

/**
 * The main thread's profile of process `pid` (node names them
 * CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; worker threads write their own).
 */
export function readMainThreadProfile(dir: string, pid: number): CpuProfile | null {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const main = files.find((f) => f.split('.')[3] === String(pid) && f.split('.')[4] === '0');
  return main ? (JSON.parse(readFileSync(join(dir, main), 'utf8')) as CpuProfile) : null;
}

/** The monotonic clock V8's profiler uses (CLOCK_MONOTONIC on Linux), in microseconds. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);
