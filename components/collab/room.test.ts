import 'fake-indexeddb/auto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { cellKey, readCell, writeCell } from '@/server/collab/document';
import { ASSESSMENT_CLOSED_REASON, CHANGES_NOT_SAVED_REASON, CLOSE, MESSAGE, READ_ONLY_REASON, writeAuthSignal, type AuthSignal } from '@/server/collab/protocol';
import { collabUrl, localStoreName, RoomConnection } from './room';

const REF = { assessmentId: '00000000-0000-4000-8000-000000000001', teamId: '00000000-0000-4000-8000-000000000002' };
const THREAT = '00000000-0000-4000-8000-00000000000a';
const TARGET = '00000000-0000-4000-8000-00000000000b';

/** An in-memory stand-in for the collaboration server: one document, y-protocols sync. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static sockets: FakeSocket[] = [];
  static server = new Y.Doc();
  /** The assessment closed: content sent by clients is answered 'not saved' and not applied. */
  static refuseChanges = false;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'arraybuffer';
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.sockets.push(this);
  }

  /** The server accepts: both sides send sync step 1. */
  accept() {
    this.readyState = 1;
    this.onopen?.();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    syncProtocol.writeSyncStep1(encoder, FakeSocket.server);
    this.deliver(encoding.toUint8Array(encoder));
  }

  refuseWrites(reason = READ_ONLY_REASON) {
    this.say({ kind: 'denied', reason });
  }

  say(signal: AuthSignal) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.auth);
    writeAuthSignal(encoder, signal);
    this.deliver(encoding.toUint8Array(encoder));
  }

  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }

  deliver(bytes: Uint8Array) {
    this.onmessage?.({ data: bytes.slice().buffer });
  }

  send(data: Uint8Array) {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== MESSAGE.sync) return;
    if (FakeSocket.refuseChanges && decoding.peekVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) {
      return queueMicrotask(() => this.say({ kind: 'denied', reason: CHANGES_NOT_SAVED_REASON }));
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    syncProtocol.readSyncMessage(decoder, encoder, FakeSocket.server, 'client');
    if (encoding.length(encoder) > 1) queueMicrotask(() => this.deliver(encoding.toUint8Array(encoder)));
  }

  close() {
    this.readyState = 3;
  }
}

const open: RoomConnection[] = [];
function connect(persist = false) {
  const room = new RoomConnection(REF, {
    userId: 'user-1', url: 'ws://heilong.test/collab', persist, watchNetwork: false,
    WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
  });
  open.push(room);
  return { room, socket: FakeSocket.sockets.at(-1)! };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

afterEach(() => {
  for (const room of open.splice(0)) room.destroy();
  FakeSocket.sockets = [];
  FakeSocket.server = new Y.Doc();
  FakeSocket.refuseChanges = false;
});

describe('RoomConnection', () => {
  it('opens the room on the collaboration path of this host', () => {
    expect(collabUrl({ protocol: 'https:', host: 'heilong.example:8443' })).toBe('wss://heilong.example:8443/collab');
    expect(collabUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe('ws://localhost:3000/collab');
    const { socket } = connect();
    expect(socket.url).toBe(`ws://heilong.test/collab/assessment.${REF.assessmentId}.team.${REF.teamId}`);
    expect(localStoreName(REF, 'user-1')).toContain('user-1');
  });

  it('is syncing until the server answers, then online', async () => {
    const { room, socket } = connect();
    expect(room.getSnapshot()).toMatchObject({ connection: 'syncing', synced: false, unsent: 0 });
    socket.accept();
    await settle();
    expect(room.getSnapshot()).toMatchObject({ connection: 'online', synced: true, unsent: 0 });
  });

  it('counts as offline when the socket does not open for a while, and keeps trying', () => {
    vi.useFakeTimers();
    try {
      const { room } = connect();
      vi.advanceTimersByTime(1000);
      expect(room.getSnapshot().connection).toBe('syncing');
      vi.advanceTimersByTime(4000);
      expect(room.getSnapshot().connection).toBe('offline');
      writeCell(room.doc, THREAT, TARGET, { scope: 'low' });
      expect(room.getSnapshot().unsent).toBe(1);
      FakeSocket.sockets.at(-1)!.readyState = 1;
      FakeSocket.sockets.at(-1)!.onopen?.();
      expect(room.getSnapshot().connection).toBe('syncing');
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts changes made offline, sends them on reconnect and resets the count when synced', async () => {
    const { room, socket } = connect();
    socket.drop();
    expect(room.getSnapshot().connection).toBe('offline');

    writeCell(room.doc, THREAT, TARGET, { scope: 'high' });
    writeCell(room.doc, THREAT, TARGET, { severity: 'medium', rationale: 'offline' });
    expect(room.getSnapshot()).toMatchObject({ connection: 'offline', unsent: 2 });
    expect(readCell(FakeSocket.server, THREAT, TARGET).scope).toBeNull();

    room.goOnline();
    FakeSocket.sockets.at(-1)!.accept();
    await settle();
    expect(room.getSnapshot()).toMatchObject({ connection: 'online', unsent: 0 });
    expect(readCell(FakeSocket.server, THREAT, TARGET)).toMatchObject({ scope: 'high', severity: 'medium', rationale: 'offline' });
  });

  it('keeps the count of unsent changes with the local copy: reloaded while offline, it still shows them', async () => {
    const first = connect(true);
    await first.room.persistence!.whenSynced;
    first.socket.drop();
    writeCell(first.room.doc, THREAT, TARGET, { scope: 'high' });
    writeCell(first.room.doc, THREAT, TARGET, { severity: 'low' });
    await settle();
    first.room.destroy();

    const reloaded = connect(true);
    reloaded.socket.drop();
    await reloaded.room.persistence!.whenSynced;
    await settle();
    expect(readCell(reloaded.room.doc, THREAT, TARGET)).toMatchObject({ scope: 'high', severity: 'low' });
    expect(reloaded.room.getSnapshot()).toMatchObject({ connection: 'offline', unsent: 2 });

    reloaded.room.goOnline();
    FakeSocket.sockets.at(-1)!.accept();
    await settle();
    expect(reloaded.room.getSnapshot()).toMatchObject({ connection: 'online', unsent: 0 });
    reloaded.room.destroy();

    const again = connect(true);
    again.socket.drop();
    await again.room.persistence!.whenSynced;
    await settle();
    expect(again.room.getSnapshot().unsent).toBe(0);
  });

  it('does not count remote changes, nor changes made while synced', async () => {
    const { room, socket } = connect();
    socket.accept();
    await settle();
    writeCell(room.doc, THREAT, TARGET, { scope: 'low' });
    expect(room.getSnapshot().unsent).toBe(0);
    expect(readCell(FakeSocket.server, THREAT, TARGET).scope).toBe('low');
  });

  it('goes offline when told the network is gone, and back when it returns', async () => {
    const { room, socket } = connect();
    socket.accept();
    await settle();
    room.goOffline();
    expect(room.getSnapshot().connection).toBe('offline');
    writeCell(room.doc, THREAT, TARGET, { irreversibility: 'very_high' });
    expect(room.getSnapshot().unsent).toBe(1);
    room.goOnline();
    // Connecting again: syncing, not offline, until the socket opens.
    expect(room.getSnapshot().connection).toBe('syncing');
    FakeSocket.sockets.at(-1)!.accept();
    await settle();
    expect(room.getSnapshot()).toMatchObject({ connection: 'online', unsent: 0 });
  });

  it('notes when the server refuses our changes, and a final close', async () => {
    const { room, socket } = connect();
    socket.accept();
    socket.refuseWrites();
    expect(room.getSnapshot()).toMatchObject({ writeRefused: true, assessment: null });
    socket.drop(CLOSE.forbidden);
    expect(room.getSnapshot()).toMatchObject({ connection: 'offline', closedCode: CLOSE.forbidden });
  });

  it('follows the status of the assessment as the server says it: read-only while closed or published, writable once open again', async () => {
    const { room, socket } = connect();
    socket.accept();
    socket.say({ kind: 'status', status: 'draft' });
    expect(room.getSnapshot()).toMatchObject({ writeRefused: false, assessment: 'draft' });
    socket.say({ kind: 'status', status: 'open' });
    expect(room.getSnapshot()).toMatchObject({ writeRefused: false, assessment: 'open' });
    socket.refuseWrites(ASSESSMENT_CLOSED_REASON);
    socket.say({ kind: 'status', status: 'closed' });
    expect(room.getSnapshot()).toMatchObject({ writeRefused: true, assessment: 'closed' });
    // A later refusal of a write does not make it look open again.
    socket.refuseWrites();
    expect(room.getSnapshot()).toMatchObject({ writeRefused: true, assessment: 'closed' });
    socket.say({ kind: 'status', status: 'open' });
    expect(room.getSnapshot()).toMatchObject({ writeRefused: false, assessment: 'open' });
  });

  it('says when a closed assessment is published', async () => {
    const { room, socket } = connect();
    socket.accept();
    socket.refuseWrites(ASSESSMENT_CLOSED_REASON);
    socket.say({ kind: 'status', status: 'closed' });
    socket.refuseWrites(ASSESSMENT_CLOSED_REASON);
    socket.say({ kind: 'status', status: 'published' });
    expect(room.getSnapshot()).toMatchObject({ writeRefused: true, assessment: 'published' });
  });

  it('ignores a status it does not know (a newer server), and the signal of earlier versions', async () => {
    const { room, socket } = connect();
    socket.accept();
    for (const [kind, text] of [[2, 'archived'], [1, '']] as const) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE.auth);
      encoding.writeVarUint(encoder, kind);
      if (text) encoding.writeVarString(encoder, text);
      socket.deliver(encoding.toUint8Array(encoder));
    }
    expect(room.getSnapshot()).toMatchObject({ writeRefused: false, assessment: null });
  });

  it('reconnects when reopened after the server dropped changes on this connection, so they are sent again', async () => {
    const { room, socket } = connect();
    socket.accept();
    await settle();
    const sockets = FakeSocket.sockets.length;
    // Told open on connecting, with nothing dropped: the connection stays.
    socket.say({ kind: 'status', status: 'open' });
    expect(FakeSocket.sockets).toHaveLength(sockets);
    writeCell(room.doc, THREAT, TARGET, { scope: 'high' });
    socket.refuseWrites(ASSESSMENT_CLOSED_REASON);
    socket.say({ kind: 'status', status: 'open' });
    // A new connection: its sync sends what the old one had dropped.
    await settle();
    expect(FakeSocket.sockets.length).toBeGreaterThan(sockets);
    expect(socket.readyState).toBe(3);
  });

  it('shows the server’s copy while changes made on this device are not saved, and its own again once reopened', async () => {
    writeCell(FakeSocket.server, THREAT, TARGET, { severity: 'low' });
    const { room, socket } = connect();
    socket.drop();
    writeCell(room.doc, THREAT, TARGET, { scope: 'high', rationale: 'offline' });
    FakeSocket.refuseChanges = true;
    room.goOnline();
    const live = FakeSocket.sockets.at(-1)!;
    live.accept();
    await settle();
    expect(room.getSnapshot()).toMatchObject({ unsavedChanges: true, writeRefused: true });
    // Until the server's copy has arrived over its own connection, the page shows ours.
    const stored = FakeSocket.sockets.at(-1)!;
    expect(stored).not.toBe(live);
    expect(room.shownDoc).toBe(room.doc);
    expect(room.notSavedEntries()).toEqual([]);

    const revision = room.getSnapshot().revision;
    stored.accept();
    await settle();
    expect(room.getSnapshot().revision).toBeGreaterThan(revision);
    expect(readCell(room.shownDoc, THREAT, TARGET)).toMatchObject({ scope: null, severity: 'low', rationale: '' });
    expect(readCell(room.doc, THREAT, TARGET)).toMatchObject({ scope: 'high', severity: 'low', rationale: 'offline' });
    expect(room.notSavedEntries()).toEqual([cellKey(THREAT, TARGET)]);
    // The copy only reads: it is nobody's presence and opens no copy of its own.
    expect(FakeSocket.sockets.at(-1)).toBe(stored);
    // Arrived, it stays shown while its socket reconnects: the page never falls back to what was not saved.
    const shown = room.shownDoc;
    const before = room.getSnapshot().revision;
    stored.drop();
    await settle();
    expect(room.shownDoc).toBe(shown);
    expect(room.notSavedEntries()).toEqual([cellKey(THREAT, TARGET)]);
    expect(room.getSnapshot().revision).toBe(before);

    // Reopened: our own copy again, and its changes are sent.
    FakeSocket.refuseChanges = false;
    live.say({ kind: 'status', status: 'open' });
    expect(room.getSnapshot().unsavedChanges).toBe(false);
    expect(room.shownDoc).toBe(room.doc);
    expect(room.notSavedEntries()).toEqual([]);
    expect(stored.readyState).toBe(3);
    FakeSocket.sockets.at(-1)!.accept();
    await settle();
    expect(readCell(FakeSocket.server, THREAT, TARGET)).toMatchObject({ scope: 'high', rationale: 'offline' });
  });

  it('keeps edits in IndexedDB, so they survive a reload while offline', async () => {
    const first = connect(true);
    await first.room.persistence!.whenSynced;
    first.socket.drop();
    writeCell(first.room.doc, THREAT, TARGET, { scope: 'very_high', rationale: 'kept' });
    await settle();
    first.room.destroy();

    const second = connect(true);
    await second.room.persistence!.whenSynced;
    expect(readCell(second.room.doc, THREAT, TARGET)).toMatchObject({ scope: 'very_high', rationale: 'kept' });
  });
});
