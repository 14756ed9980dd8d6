import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { userColour } from '../../components/collab/presence';
import type { Actor } from '../services/context';
import { frameOnce, sendFramed, type Broadcast } from './frames';
import { AwarenessOwners, decodeAwarenessUpdate, encodeAwarenessUpdate } from './awareness-binding';
import { shapeProblem } from './document-shape';
import { MAX_PENDING_BYTES, type CollabLimits } from './limits';
import { mayWrite, writesWhenOpen } from './permissions';
import { isAssessmentEditable } from '../domain/policy';
import { ASSESSMENT_CLOSED_REASON, CHANGES_NOT_SAVED_REASON, CLOSE, MESSAGE, READ_ONLY_REASON, writeAuthSignal, type AuthSignal } from './protocol';
import { ActorOrigin, type Room } from './rooms';
import { NOTHING_WAITING, putWaiting, waitingBytes, waitingOf } from './waiting';

/** Per-room state shared by its connections: who is there and who owns which presence. */
export interface RoomPeers {
  connections: Set<Connection>;
  owners: AwarenessOwners<Connection>;
  /**
   * The connections whose changes wait in the document for the ones they build on (see Connection.leave), each
   * with how far its waiting content reaches per Yjs client id (`WAITING_DELETIONS` for deletions only).
   */
  waitingFrom: Map<Connection, Map<number, number>>;
  /** Sends a document update to everyone in the room but `from`. */
  relay(update: Uint8Array, from: Connection | null): void;
  detach(): void;
}

class MalformedMessage extends Error {}

/** Stands for deletions waiting for what they delete: they have no client id of their own to be completed under. */
const WAITING_DELETIONS = -1;

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** Whether an update's content is exactly what comes next in the document for each of its clients: no overlap, no gap. */
function continuesDocument(doc: Y.Doc, { structs }: DecodedUpdate): boolean {
  const next = new Map<number, number>();
  for (const struct of structs) {
    const client = struct.id.client;
    const expected = next.get(client) ?? Y.getState(doc.store, client);
    if (struct instanceof Y.Skip || struct.id.clock !== expected) return false;
    next.set(client, expected + struct.length);
  }
  return structs.length > 0;
}

/** Whether an update holds content or deletions the document does not have yet. */
function bringsChanges(doc: Y.Doc, { structs, ds }: DecodedUpdate): boolean {
  if (structs.some((struct) => struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client))) return true;
  if (ds.clients.size === 0) return false;
  const deleted = Y.mergeDeleteSets([Y.createDeleteSetFromStructStore(doc.store)]);
  return !Y.equalDeleteSets(Y.mergeDeleteSets([deleted, ds]), deleted);
}

/**
 * One authenticated socket in one loaded room: y-websocket's sync and awareness
 * protocol, with writes from read-only connections dropped (never applied, never
 * forwarded) and awareness bound to the signed-in user.
 */
export class Connection {
  private readonly ownedClientIds = new Set<number>();
  private toldReadOnly = false;

  constructor(
    readonly socket: WebSocket,
    readonly actor: Actor,
    readonly room: Room,
    private readonly peers: RoomPeers,
  ) {}

  start(): void {
    this.send(encodeMessage((e) => {
      encoding.writeVarUint(e, MESSAGE.sync);
      syncProtocol.writeSyncStep1(e, this.room.doc);
    }));
    const states = this.room.awareness.getStates();
    if (states.size > 0) this.sendAwareness([...states.keys()]);
    this.tellStatus();
  }

  /** Handles one frame; a frame that is not the protocol closes this connection only. */
  receive(data: Uint8Array): void {
    try {
      this.dispatch(data);
    } catch (error) {
      this.socket.close(CLOSE.malformed, error instanceof MalformedMessage ? error.message : 'malformed message');
    }
  }

  private dispatch(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE.sync:
        return this.receiveSync(decoder);
      case MESSAGE.awareness:
        return this.receiveAwareness(decoding.readVarUint8Array(decoder));
      case MESSAGE.queryAwareness:
        return this.sendAwareness([...this.room.awareness.getStates().keys()]);
      case MESSAGE.auth:
        return;
      default:
        throw new MalformedMessage(`unknown message type ${type}`);
    }
  }

  private receiveSync(decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      this.send(encodeMessage((e) => {
        encoding.writeVarUint(e, MESSAGE.sync);
        syncProtocol.writeSyncStep2(e, this.room.doc, stateVector);
      }));
      return;
    }
    if (step !== syncProtocol.messageYjsSyncStep2 && step !== syncProtocol.messageYjsUpdate) {
      throw new MalformedMessage(`unknown sync step ${step}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    // Decoding before applying turns a corrupt update into a close, not a half-applied change.
    let decoded: DecodedUpdate;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      throw new MalformedMessage('corrupt update');
    }
    if (!mayWrite(this.actor, this.room)) {
      // Every client answers sync step 1 with its state, usually nothing new: only a real change is refused.
      if (bringsChanges(this.room.doc, decoded)) this.refuseWrite();
      return;
    }
    const problem = shapeProblem(this.room.doc, decoded, this.room.context);
    if (problem) throw new MalformedMessage(problem);
    // New content goes to the others as it arrived, before the server integrates it: they should not wait for
    // that. Only content that exactly continues the document, while nothing is pending in it: then integrating
    // it brings nothing the update lacks, and nobody can see a version of it the server does not keep. Anything
    // else (deletions alone, nothing new, overlaps, gaps, changes that complete pending ones) goes out as the
    // document reports it.
    const { store } = this.room.doc;
    const relayed = store.pendingStructs === null && store.pendingDs === null && continuesDocument(this.room.doc, decoded);
    if (relayed) this.peers.relay(update, this);
    const waitingBefore = waitingOf(this.room.doc);
    const bytesBefore = waitingBytes(this.room.doc);
    Y.applyUpdate(this.room.doc, update, new ActorOrigin(this.actor.userId, this, this.claimClients(decoded), relayed));
    const bytesAfter = waitingBytes(this.room.doc);
    this.trackWaiting(decoded, bytesAfter > bytesBefore, bytesAfter === 0);
    if (bytesAfter > MAX_PENDING_BYTES) {
      // Only this update's waiting part is dropped (4413 is final: its page sends it again once reloaded); what
      // others sent earlier keeps waiting, as they would not send it again while they stay connected. Restoring
      // pieces this update completed is harmless: Yjs skips what the document already has when it retries them.
      putWaiting(this.room.doc, waitingBefore);
      this.socket.close(CLOSE.tooLarge, 'too many changes waiting for the ones they build on');
    }
  }

  /**
   * A connection claims its own Yjs client id (the one its presence uses) the first
   * time it writes with it. Content from other client ids is relayed; its history
   * names this person as the one who sent it and whoever claimed those ids as
   * whose browser made it.
   */
  private claimClients({ structs }: DecodedUpdate): number[] {
    const claims: number[] = [];
    for (const clientId of new Set(structs.map((struct) => struct.id.client))) {
      if (this.room.clientOwners.has(clientId) || !this.ownedClientIds.has(clientId)) continue;
      this.room.clientOwners.set(clientId, this.actor.userId);
      claims.push(clientId);
    }
    return claims;
  }

  private refuseWrite(): void {
    // Made to be kept (offline, say, before it closed): their page tells them these were not saved, every time.
    if (writesWhenOpen(this.actor, this.room)) return this.sendAuth({ kind: 'denied', reason: CHANGES_NOT_SAVED_REASON });
    if (this.toldReadOnly) return;
    this.toldReadOnly = true;
    this.sendAuth({ kind: 'denied', reason: READ_ONLY_REASON });
  }

  /**
   * The assessment's status, said on connecting and whenever a facilitator changes it: a client turns read-only
   * when it closes without waiting to be refused, writable again when it is reopened, and its page says which.
   */
  tellStatus(): void {
    const { status } = this.room;
    const open = isAssessmentEditable(status);
    this.toldReadOnly = !open;
    if (!open) this.sendAuth({ kind: 'denied', reason: ASSESSMENT_CLOSED_REASON });
    this.sendAuth({ kind: 'status', status });
  }

  private sendAuth(signal: AuthSignal): void {
    this.send(encodeMessage((e) => {
      encoding.writeVarUint(e, MESSAGE.auth);
      writeAuthSignal(e, signal);
    }));
  }

  private receiveAwareness(update: Uint8Array): void {
    let entries;
    try {
      entries = decodeAwarenessUpdate(update);
    } catch {
      throw new MalformedMessage('corrupt awareness update');
    }
    const user = { id: this.actor.userId, name: this.actor.name, colour: userColour(this.actor.userId), viewing: !writesWhenOpen(this.actor, this.room) };
    const kept = this.peers.owners.filter(this, this.ownedClientIds, entries, user);
    if (kept.length) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encodeAwarenessUpdate(kept), this);
  }

  sendAwareness(clientIds: number[]): void {
    if (clientIds.length) this.send(awarenessMessage(this.room, clientIds));
  }

  /** Who still has changes waiting, and up to where: what the document took in since no longer counts. */
  private trackWaiting({ structs }: DecodedUpdate, grew: boolean, nothingWaits: boolean): void {
    const { waitingFrom } = this.peers;
    const { store } = this.room.doc;
    if (nothingWaits) return waitingFrom.clear();
    const mine = waitingFrom.get(this) ?? new Map<number, number>();
    for (const struct of structs) {
      const end = struct.id.clock + struct.length;
      if (end > Y.getState(store, struct.id.client)) mine.set(struct.id.client, Math.max(mine.get(struct.id.client) ?? 0, end));
    }
    if (grew && mine.size === 0) mine.set(WAITING_DELETIONS, Number.POSITIVE_INFINITY);
    if (mine.size > 0) waitingFrom.set(this, mine);
    for (const [connection, reaches] of waitingFrom) {
      for (const [client, end] of reaches) if (client !== WAITING_DELETIONS && end <= Y.getState(store, client)) reaches.delete(client);
      if (reaches.size === 0) waitingFrom.delete(connection);
    }
  }

  /** Removes this connection's presence; the room tells the others. */
  leave(): void {
    awarenessProtocol.removeAwarenessStates(this.room.awareness, [...this.ownedClientIds], this);
    this.peers.owners.release(this.ownedClientIds);
    // Changes still waiting when the last of their senders has left would hold the room's budget for waiting
    // changes (and keep its relay on the slow path) while nobody connected can complete them: they are dropped,
    // and each sender's browser sends its own again when it next connects (it is never told they were stored).
    this.peers.waitingFrom.delete(this);
    if (this.peers.waitingFrom.size === 0) putWaiting(this.room.doc, NOTHING_WAITING);
  }

  sendBroadcast(broadcast: Broadcast): void {
    sendFramed(this.socket, broadcast);
  }

  send(message: Uint8Array): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(message);
  }
}

/** Forwards a room's document and presence changes to every connection in it. */
export function connectPeers(room: Room, { rememberedClientIds }: Pick<CollabLimits, 'rememberedClientIds'>): RoomPeers {
  const peers: RoomPeers = {
    connections: new Set(),
    waitingFrom: new Map(),
    owners: new AwarenessOwners<Connection>({
      claimedBy: (clientId) => room.clientOwners.get(clientId),
      clockOf: (clientId) => room.awareness.meta.get(clientId)?.clock ?? 0,
      forget: (clientId) => {
        if (!room.awareness.states.has(clientId)) room.awareness.meta.delete(clientId);
      },
      remember: rememberedClientIds,
    }),
    // Each change is encoded and framed once, and the same bytes go to everyone.
    relay: (update, from) => {
      const broadcast = frameOnce(encodeMessage((e) => {
        encoding.writeVarUint(e, MESSAGE.sync);
        syncProtocol.writeUpdate(e, update);
      }));
      for (const connection of peers.connections) if (connection !== from) connection.sendBroadcast(broadcast);
    },
    detach: () => {
      room.relays.delete(onUpdate);
      room.statusListeners.delete(onStatus);
      room.awareness.off('update', onAwareness);
    },
  };
  const onStatus = () => {
    for (const connection of peers.connections) connection.tellStatus();
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    const from = origin instanceof ActorOrigin && origin.connection instanceof Connection ? origin.connection : null;
    peers.relay(update, from);
  };
  // Not back to the connection it came from: its client has that state already (with its own clocks, see AwarenessOwners).
  const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const broadcast = frameOnce(awarenessMessage(room, [...added, ...updated, ...removed]));
    for (const connection of peers.connections) if (connection !== origin) connection.sendBroadcast(broadcast);
  };
  room.relays.add(onUpdate);
  room.statusListeners.add(onStatus);
  room.awareness.on('update', onAwareness);
  return peers;
}

function encodeMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function awarenessMessage(room: Room, clientIds: number[]): Uint8Array {
  return encodeMessage((e) => {
    encoding.writeVarUint(e, MESSAGE.awareness);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(room.awareness, clientIds));
  });
}
