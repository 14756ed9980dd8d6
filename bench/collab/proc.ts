import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * What a server process costs, read from Linux's /proc: CPU ticks (user + system)
 * and resident memory. Also the one place that remembers what to clean up when
 * the bench ends, normally or by Ctrl-C.
 */

let ticksPerSecond: number | null = null;

export function clockTicksPerSecond(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after it are plain.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The number at the start of a field of /proc/<pid>/status (e.g. `VmRSS:  1024 kB` → 1024); NaN if absent. */
export function statusNumber(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

/** A field of /proc/<pid>/status in MiB (VmRSS: now, VmHWM: peak so far). */
export function memoryMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  return statusNumber(readFileSync(`/proc/${pid}/status`, 'utf8'), field) / 1024;
}

/**
 * How often the process's main thread (the socket thread of either server, the bench's clients) was taken off
 * a CPU while it still had work: involuntary context switches, from /proc/<pid>/status, which counts them for
 * the thread group's leader.
 */
export function preemptions(pid: number): number {
  return statusNumber(readFileSync(`/proc/${pid}/status`, 'utf8'), 'nonvoluntary_ctxt_switches');
}

export interface MachineTicks {
  total: number;
  stolen: number;
}

export interface ProcessUsage {
  cpuSeconds: number;
  cpuPercent: number;
  /** The largest VmRSS seen while sampling. */
  rssPeakMiB: number;
  /** The kernel's high-water mark for the whole life of the process. */
  hwmMiB: number;
  /** Involuntary context switches of the main thread over the window. */
  preempted: number;
}

/** Samples a process from now until `stop()`: CPU over the window and peak RSS. */
export function watchProcess(pid: number, sampleEveryMs = 200) {
  const startTicks = cpuTicks(pid);
  const startPreempted = preemptions(pid);
  const startedAt = performance.now();
  let rssPeakMiB = memoryMiB(pid, 'VmRSS');
  const timer = setInterval(() => {
    try {
      rssPeakMiB = Math.max(rssPeakMiB, memoryMiB(pid, 'VmRSS'));
    } catch {
      // The process ended; stop() reports what was seen.
    }
  }, sampleEveryMs);
  return {
    stop(): ProcessUsage {
      clearInterval(timer);
      const wallMs = performance.now() - startedAt;
      const ticks = cpuTicks(pid) - startTicks;
      rssPeakMiB = Math.max(rssPeakMiB, memoryMiB(pid, 'VmRSS'));
      const cpuSeconds = ticks / clockTicksPerSecond();
      return {
        cpuSeconds, cpuPercent: (cpuSeconds / (wallMs / 1000)) * 100, rssPeakMiB, hwmMiB: memoryMiB(pid, 'VmHWM'), preempted: preemptions(pid) - startPreempted,
      };
    },
  };
}

/** The machine's CPU time in clock ticks, all cores: the total and what the hypervisor took (the `cpu` line of /proc/stat). */
export function machineTicks(): MachineTicks {
  return parseCpuLine(readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!);
}

/** `cpu  user nice system idle iowait irq softirq steal guest guest_nice`; guest time is already counted in user. */
export function parseCpuLine(line: string): MachineTicks {
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 8 || fields.some((v) => !Number.isFinite(v))) throw new Error(`unexpected /proc/stat line: ${line}`);
  return { total: fields.reduce((sum, v) => sum + v, 0), stolen: fields[7]! };
}

/**
 * Time the hypervisor gave the machine's virtual CPUs to someone else (steal). On a
 * shared virtual machine it comes in bursts; latencies measured during one say more
 * about the host than about the server.
 */
export function watchMachine() {
  const start = machineTicks();
  return {
    stop(): MachineTicks {
      const end = machineTicks();
      return { total: end.total - start.total, stolen: end.stolen - start.stolen };
    },
  };
}

/** The bench process's own CPU over a window (the simulated clients), in percent of one core, and its main thread's preemptions. */
export function watchSelf() {
  const start = process.cpuUsage();
  const startPreempted = preemptions(process.pid);
  const startedAt = performance.now();
  return {
    stop(): { cpuSeconds: number; cpuPercent: number; preempted: number } {
      const used = process.cpuUsage(start);
      const cpuSeconds = (used.user + used.system) / 1e6;
      return { cpuSeconds, cpuPercent: (cpuSeconds / ((performance.now() - startedAt) / 1000)) * 100, preempted: preemptions(process.pid) - startPreempted };
    },
  };
}

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];

/** Registers work to undo (stop a child, remove a folder); returns a function that runs it once. */
export function onCleanup(cleanup: Cleanup): () => Promise<void> {
  let done = false;
  const run = async () => {
    if (done) return;
    done = true;
    cleanups.splice(cleanups.indexOf(wrapped), 1);
    await cleanup();
  };
  const wrapped: Cleanup = run;
  cleanups.push(wrapped);
  return run;
}

/** Runs every registered cleanup, newest first. */
export async function cleanupAll(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error('cleanup failed:', error);
    }
  }
}

/** Ctrl-C or a kill: clean up, then leave with the conventional code. */
export function cleanUpOnSignals(): void {
  let exiting = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (exiting) return;
      exiting = true;
      console.error(`\n${signal}: stopping servers and removing temporary files…`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}
