import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { RATING_LEVELS } from '../../server/domain/rating';
import { issueTicket } from '../../server/collab/auth';
import { cellKey, writeCell } from '../../server/collab/document';
import { TICKET_PARAM } from '../../server/collab/protocol';
import type { RunningServer } from './servers';
import type { World } from './setup';
import { prng } from './stats';

/**
 * Simulated workshop participants: real y-websocket clients in this process, each
 * a member of one country team, editing that team's cells at a steady rate.
 *
 * Matching an edit to its receipt: every edit records the writer's Yjs client id
 * and its clock after the edit. A reader has the edit once its document's state
 * for that client reaches that clock (Yjs integrates a client's changes in clock
 * order), which holds even if two edits to one field raced. The rationale also
 * carries `${client}:${seq}`, so stored history rows are traceable.
 */
export interface LoadOptions {
  clients: number;
  /** Edits per client per second. */
  rate: number;
  /** Seeds the phases and values, so both servers get the same load. */
  seed: number;
  /** Also move the awareness focus to the cell before each edit, as the browser does. */
  focus: boolean;
}

interface Edit {
  sentAt: number;
  endClock: number;
  /** Readers that do not have it yet. */
  waiting: number;
  /** When the last reader got it (valid once `waiting` is 0). */
  lastAt: number;
  /** When the first reader got it. */
  firstAt: number | null;
}

interface SimClient {
  index: number;
  doc: Y.Doc;
  provider: WebsocketProvider;
  cells: { threatId: string; targetId: string }[];
  room: string;
}

export interface LoadResult {
  /** Fan-out latency of every measured edit that reached all its readers. */
  fanoutMs: number[];
  /** For the same edits, in the same order: the time until the first reader had it. */
  firstReaderMs: number[];
  /** Edits sent inside the measured window. */
  sent: number;
  /** Measured edits that some reader still lacked when the drain ended. */
  incomplete: number;
  windowMs: number;
  /** True if some room had cells shared by two writers (more writers than cells). */
  sharedCells: boolean;
}

const CONNECT_TIMEOUT_MS = 90_000;

/** Which team (index into world.teams) and which member of it client `i` is. */
export function placement(i: number, teams: number): { team: number; member: number } {
  return { team: i % teams, member: Math.floor(i / teams) };
}

/** The cells member `member` of `writers` writes: its own share, or one shared cell if writers outnumber cells. */
export function ownedCells<T>(cells: readonly T[], member: number, writers: number): T[] {
  if (writers > cells.length) return [cells[member % cells.length]!];
  return cells.filter((_, c) => c % writers === member);
}

/** Connects every client, waits for all to be synced, and returns the controls of one run. */
export async function connectClients(server: RunningServer, world: World, secret: string, options: LoadOptions) {
  const teamCount = world.teams.length;
  const writersPerTeam = world.teams.map((_, t) => Array.from({ length: options.clients }, (_, i) => i).filter((i) => i % teamCount === t).length);
  const roomSize = new Map(world.teams.map((team, t) => [team.room, writersPerTeam[t]!]));
  const logs = new Map<number, Edit[]>();
  let windowOpen = false;
  let sent = 0;
  let measured: Edit[] = [];

  const clients: SimClient[] = [];
  const failures: string[] = [];
  // Every provider adds a process 'exit' listener, and each server's clients stay until the end of the run.
  process.setMaxListeners(process.getMaxListeners() + options.clients);
  for (let index = 0; index < options.clients; index++) {
    const { team: t, member } = placement(index, teamCount);
    const team = world.teams[t]!;
    const userId = team.userIds[member];
    if (!userId) throw new Error(`no user for client ${index} (team ${team.key}, member ${member})`);
    const doc = new Y.Doc();
    const params: Record<string, string> = server.needsTicket ? { [TICKET_PARAM]: issueTicket(secret, userId, team.room, Date.now()) } : {};
    const provider = new WebsocketProvider(server.url, team.room, doc, {
      params,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    provider.on('connection-close', (event) => {
      if (event && event.code >= 4400 && event.code < 4500) failures.push(`client ${index}: closed ${event.code} ${event.reason}`);
    });
    provider.awareness.setLocalState({ user: { id: userId, name: `member ${index}`, colour: '#888888' }, focus: null });
    // A reader has an edit once its state for the writer reaches the edit's clock.
    const cursors = new Map<number, number>();
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.local) return;
      const now = performance.now();
      for (const [writer, after] of transaction.afterState) {
        if (after <= (transaction.beforeState.get(writer) ?? 0)) continue;
        const log = logs.get(writer);
        if (!log) continue;
        let cursor = cursors.get(writer) ?? 0;
        while (cursor < log.length && log[cursor]!.endClock <= after) {
          const edit = log[cursor++]!;
          edit.waiting -= 1;
          edit.lastAt = now;
          edit.firstAt ??= now;
        }
        cursors.set(writer, cursor);
      }
    });
    clients.push({ index, doc, provider, room: team.room, cells: ownedCells(world.cells, member, writersPerTeam[t]!) });
  }

  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  while (clients.some((c) => !c.provider.synced)) {
    if (failures.length) throw new Error(`${server.label} refused clients:\n  ${failures.slice(0, 5).join('\n  ')}`);
    if (Date.now() > deadline) throw new Error(`${server.label}: ${clients.filter((c) => !c.provider.synced).length} clients not synced after ${CONNECT_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const timers: ReturnType<typeof setTimeout>[] = [];
  let editing = false;
  // Each client's place in its load pattern, kept from round to round: a later round continues it, not repeats it.
  const patterns = clients.map((client) => ({ random: prng(options.seed * 1_000_003 + client.index), seq: 0 }));

  function edit(client: SimClient, seq: number, random: () => number) {
    const cell = client.cells[seq % client.cells.length]!;
    if (options.focus) {
      const key = cellKey(cell.threatId, cell.targetId);
      if (client.provider.awareness.getLocalState()?.focus !== key) client.provider.awareness.setLocalStateField('focus', key);
    }
    const before = Y.getState(client.doc.store, client.doc.clientID);
    const sentAt = performance.now();
    writeCell(client.doc, cell.threatId, cell.targetId, {
      scope: RATING_LEVELS[Math.floor(random() * RATING_LEVELS.length)]!,
      rationale: `${client.index}:${seq}`,
    });
    const endClock = Y.getState(client.doc.store, client.doc.clientID);
    if (endClock === before) return;
    const record: Edit = { sentAt, endClock, waiting: roomSize.get(client.room)! - 1, lastAt: sentAt, firstAt: null };
    let log = logs.get(client.doc.clientID);
    if (!log) logs.set(client.doc.clientID, (log = []));
    log.push(record);
    if (windowOpen) {
      sent += 1;
      measured.push(record);
    }
  }

  let windowStart = 0;
  let windowEnd = 0;
  return {
    clients,
    /** Every client starts editing at its own phase, `rate` times a second, on schedule (open loop). */
    startEditing() {
      editing = true;
      const period = 1000 / options.rate;
      const start = performance.now();
      for (const client of clients) {
        const pattern = patterns[client.index]!;
        const phase = pattern.random() * period;
        let ticks = 0;
        const tick = () => {
          if (!editing) return;
          edit(client, pattern.seq++, pattern.random);
          const next = start + phase + ++ticks * period;
          timers[client.index] = setTimeout(tick, Math.max(0, next - performance.now()));
        };
        timers[client.index] = setTimeout(tick, phase);
      }
    },
    /** Starts measuring anew: `result` covers the edits from here to `closeWindow`. */
    openWindow() {
      windowOpen = true;
      sent = 0;
      measured = [];
      windowStart = performance.now();
    },
    /** Ends the measured window (if open) and stops editing. */
    closeWindow() {
      if (windowOpen) windowEnd = performance.now();
      windowOpen = false;
      editing = false;
      for (const timer of timers) clearTimeout(timer);
    },
    /** Waits until every measured edit reached all readers, or `timeoutMs`. */
    async drain(timeoutMs: number) {
      const until = performance.now() + timeoutMs;
      while (measured.some((e) => e.waiting > 0) && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    result(): LoadResult {
      const complete = measured.filter((e) => e.waiting <= 0);
      return {
        fanoutMs: complete.map((e) => e.lastAt - e.sentAt),
        firstReaderMs: complete.map((e) => (e.firstAt ?? e.lastAt) - e.sentAt),
        sent,
        incomplete: measured.length - complete.length,
        windowMs: windowEnd - windowStart,
        sharedCells: writersPerTeam.some((w) => w > world.cells.length),
      };
    },
    async close() {
      editing = false;
      for (const timer of timers) clearTimeout(timer);
      for (const client of clients) {
        client.provider.destroy();
        client.doc.destroy();
      }
      // Let the servers see the sockets close before the next run connects.
      await new Promise((resolve) => setTimeout(resolve, 500));
    },
  };
}

export type ClientSession = Awaited<ReturnType<typeof connectClients>>;
