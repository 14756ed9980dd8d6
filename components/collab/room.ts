import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { defineRoots, differingEntries } from '@/server/collab/document';
import { CHANGES_NOT_SAVED_REASON, COLLAB_PATH, MESSAGE, readAuthSignal, roomName, type PresenceState, type RoomRef } from '@/server/collab/protocol';
import { isAssessmentEditable, type AssessmentStatus } from '@/server/domain/policy';

/**
 * One team document in the browser: a Y.Doc kept in IndexedDB (edits survive a
 * reload while offline) and synchronised with the collaboration server. No React
 * here: hooks subscribe to it (useRoom.ts).
 */

export type ConnectionState = 'online' | 'syncing' | 'offline';

export interface RoomSnapshot {
  connection: ConnectionState;
  synced: boolean;
  /** Local changes made since the server last confirmed a full sync. */
  unsent: number;
  /** Bumps on every change to the document. */
  revision: number;
  /** Bumps on every presence (awareness) change. */
  presenceRevision: number;
  /** The server answered that our changes to this document are not applied. */
  writeRefused: boolean;
  /**
   * Changes made on this device reached the server after the assessment closed, and were not saved: they stay in
   * the local copy, and are sent if it is reopened.
   */
  unsavedChanges: boolean;
  /** The assessment's status as the server last said it (it changes while the page is open); null until it said. */
  assessment: AssessmentStatus | null;
  /** The server closed the connection for good (a 44xx close code), or null. */
  closedCode: number | null;
}

export interface RoomOptions {
  userId: string;
  /** Base address of the socket; defaults to this page's host on COLLAB_PATH. */
  url?: string;
  /** Keep a local copy in IndexedDB (default: when the browser has IndexedDB). */
  persist?: boolean;
  /** Follow the browser's online/offline events (default: in a browser). */
  watchNetwork?: boolean;
  WebSocketPolyfill?: typeof WebSocket;
}

/** The count of unsent changes, kept with the local copy: a reload while offline must not reset it to none. */
const UNSENT_KEY = 'unsent';

/** A socket still not open after this long counts as offline (it keeps trying). */
const CONNECT_PATIENCE_MS = 4000;

export function collabUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
}

/** The IndexedDB database of one room for one user (people sharing a browser keep separate copies). */
export function localStoreName(ref: RoomRef, userId: string): string {
  return `heilong.${roomName(ref)}.user.${userId}`;
}

export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence | null;
  private snapshot: RoomSnapshot = {
    connection: 'syncing', synced: false, unsent: 0, revision: 0, presenceRevision: 0, writeRefused: false, unsavedChanges: false, assessment: null, closedCode: null,
  };
  private listeners = new Set<() => void>();
  /** A connection attempt failed or was closed since the last successful connect. */
  private lost = false;
  private cleanups: (() => void)[] = [];
  private destroyed = false;
  /** The server dropped something of ours on the current connection (see `reopened`). */
  private refusedOnThisConnection = false;
  /** The stored count of unsent changes was read back (or there is no local copy): from now on it is saved. */
  private unsentRestored: boolean;
  /** While our changes are not saved (see `unsavedChanges`): the document as the server keeps it, read over its own connection. */
  private storedCopy: { connection: RoomConnection; arrived: boolean } | null = null;
  /** This is such a copy: it never writes, so it never needs one of its own. */
  private isStoredCopy = false;

  constructor(readonly ref: RoomRef, private readonly options: RoomOptions) {
    defineRoots(this.doc);
    const persist = options.persist ?? typeof indexedDB !== 'undefined';
    this.persistence = persist ? new IndexeddbPersistence(localStoreName(ref, options.userId), this.doc) : null;
    this.unsentRestored = this.persistence === null;
    this.provider = new WebsocketProvider(options.url ?? collabUrl(), roomName(ref), this.doc, {
      disableBc: true,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    this.provider.messageHandlers[MESSAGE.auth] = (_encoder, decoder) => {
      const signal = readAuthSignal(decoder);
      if (!signal) return;
      if (signal.kind === 'status' && isAssessmentEditable(signal.status)) return this.reopened(signal.status);
      this.refusedOnThisConnection = true;
      this.update({
        writeRefused: true,
        ...(signal.kind === 'status' ? { assessment: signal.status } : {}),
      });
      if (signal.kind === 'denied' && signal.reason === CHANGES_NOT_SAVED_REASON) this.notSaved();
    };

    const onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      const unsent = transaction.local && !this.provider.synced ? this.snapshot.unsent + 1 : this.snapshot.unsent;
      this.update({ revision: this.snapshot.revision + 1, unsent });
    };
    this.doc.on('update', onUpdate);
    this.cleanups.push(() => this.doc.off('update', onUpdate));

    const onAwareness = () => this.update({ presenceRevision: this.snapshot.presenceRevision + 1 });
    this.awareness.on('change', onAwareness);
    this.cleanups.push(() => this.awareness.off('change', onAwareness));

    let patience: ReturnType<typeof setTimeout> | null = null;
    const stopWaiting = () => { if (patience !== null) clearTimeout(patience); patience = null; };
    this.cleanups.push(stopWaiting);
    const waitForConnection = () => {
      stopWaiting();
      patience = setTimeout(() => {
        patience = null;
        if (!this.provider.wsconnected) { this.lost = true; this.refresh(); }
      }, CONNECT_PATIENCE_MS);
    };
    this.provider.on('status', ({ status }) => {
      if (status === 'connecting') waitForConnection();
      if (status === 'connected') { this.lost = false; this.refusedOnThisConnection = false; stopWaiting(); }
      if (status === 'disconnected') this.lost = true;
      this.refresh();
    });
    if (this.provider.wsconnecting) waitForConnection();
    this.provider.on('connection-close', () => { this.lost = true; this.refresh(); });
    this.provider.on('connection-error', () => { this.lost = true; this.refresh(); });
    this.provider.on('sync', (synced) => this.update(synced ? { unsent: 0 } : {}));
    this.provider.on('closed', ({ code }) => this.update({ closedCode: code }));

    if (options.watchNetwork ?? typeof window !== 'undefined') this.watchNetwork();
    this.refresh();
    this.restoreUnsent();
  }

  /**
   * The assessment takes changes (again). If the server dropped changes of ours on this connection, whatever we
   * write next builds on them and would wait on the server for them for ever: reconnecting resyncs, which sends
   * them now that they count (as edits made offline are sent when the connection returns).
   */
  private reopened(status: AssessmentStatus): void {
    const resync = this.refusedOnThisConnection;
    this.refusedOnThisConnection = false;
    this.closeStoredCopy();
    this.update({ writeRefused: false, unsavedChanges: false, assessment: status });
    if (resync) {
      this.provider.disconnect();
      this.provider.connect();
    }
  }

  /**
   * Our changes reached the server after the assessment closed and were not saved. They stay in our copy (sent if
   * it is reopened), but the page must show the ratings that count: the server's, read over a second connection
   * (the first one's sync only sends what we lack), without the local copy and without presence.
   */
  private notSaved(): void {
    if (!this.storedCopy && !this.isStoredCopy && !this.destroyed) {
      const connection = new RoomConnection(this.ref, { ...this.options, persist: false });
      connection.isStoredCopy = true;
      connection.setPresence(null);
      const copy = { connection, arrived: false };
      // Once it has arrived it is shown, also while its socket reconnects (its document keeps what it had).
      // Only its content counts as a change here, not presence or its connection coming and going.
      let revision = -1;
      connection.subscribe(() => {
        const now = connection.getSnapshot();
        if (copy.arrived ? now.revision === revision : !now.synced) return;
        copy.arrived = true;
        revision = now.revision;
        this.update({ revision: this.snapshot.revision + 1 });
      });
      this.storedCopy = copy;
    }
    this.update({ unsavedChanges: true });
  }

  private closeStoredCopy(): void {
    this.storedCopy?.connection.destroy();
    this.storedCopy = null;
  }

  /** The document to show: ours, or while our changes are not saved, the server's once it has arrived. */
  get shownDoc(): Y.Doc {
    return this.storedCopy?.arrived ? this.storedCopy.connection.doc : this.doc;
  }

  /** The threats and cells whose values on this device were not saved (while `unsavedChanges`); empty until the server's copy has arrived. */
  notSavedEntries(): string[] {
    return this.storedCopy?.arrived ? differingEntries(this.doc, this.storedCopy.connection.doc) : [];
  }

  get awareness(): Awareness {
    return this.provider.awareness;
  }

  /** Publishes who we are and where we are; null hides us from this room. */
  setPresence(state: PresenceState | null): void {
    this.awareness.setLocalState(state);
  }

  setFocus(focus: string | null): void {
    if (this.awareness.getLocalState() !== null && this.awareness.getLocalState()?.focus !== focus) {
      this.awareness.setLocalStateField('focus', focus);
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RoomSnapshot => this.snapshot;

  /** Drops the socket (as when the network goes away); edits keep being stored locally. */
  goOffline(): void {
    this.lost = true;
    this.provider.disconnect();
    this.refresh();
  }

  /**
   * The network is back: syncing while the socket opens, not offline (its page would blame the server meanwhile).
   * If it does not open in time, the patience timer counts the room offline again.
   */
  goOnline(): void {
    if (this.snapshot.closedCode === null) {
      this.lost = false;
      this.provider.connect();
    }
    this.refresh();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.closeStoredCopy();
    for (const cleanup of this.cleanups) cleanup();
    this.listeners.clear();
    this.awareness.setLocalState(null);
    this.provider.destroy();
    void this.persistence?.destroy();
    this.doc.destroy();
  }

  private watchNetwork() {
    const offline = () => this.goOffline();
    const online = () => this.goOnline();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    this.cleanups.push(() => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    });
    if (typeof navigator !== 'undefined' && navigator.onLine === false) this.goOffline();
  }

  /** Changes restored from the local copy arrive as remote ones: the count made before the reload comes back with them. */
  private restoreUnsent() {
    void this.persistence?.get(UNSENT_KEY).then((stored: unknown) => {
      if (this.destroyed) return;
      this.unsentRestored = true;
      const before = !this.provider.synced && typeof stored === 'number' ? stored : 0;
      if (before > 0) this.update({ unsent: this.snapshot.unsent + before });
      else this.saveUnsent();
    }, () => { this.unsentRestored = true; });
  }

  private saveUnsent() {
    if (!this.unsentRestored || this.destroyed) return;
    this.persistence?.set(UNSENT_KEY, this.snapshot.unsent).catch(() => undefined);
  }

  private connectionState(): ConnectionState {
    if (this.provider.wsconnected) return this.provider.synced ? 'online' : 'syncing';
    return this.lost || this.snapshot.closedCode !== null || !this.provider.shouldConnect ? 'offline' : 'syncing';
  }

  private refresh() {
    this.update({});
  }

  private update(patch: Partial<RoomSnapshot>) {
    if (this.destroyed) return;
    const next = { ...this.snapshot, ...patch, synced: this.provider.synced };
    next.connection = this.connectionState();
    const changed = (Object.keys(next) as (keyof RoomSnapshot)[]).some((key) => next[key] !== this.snapshot[key]);
    if (!changed) return;
    const unsentChanged = next.unsent !== this.snapshot.unsent;
    this.snapshot = next;
    if (unsentChanged) this.saveUnsent();
    for (const listener of this.listeners) listener();
  }
}
