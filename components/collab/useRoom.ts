'use client';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { RoomRef } from '@/server/collab/protocol';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { RoomConnection, type ConnectionState, type RoomSnapshot } from './room';

export interface RoomView {
  /** Null until the browser has opened the room (and during server rendering). */
  room: RoomConnection | null;
  /** The document to show and write: the room's own, or while its changes are not saved, the server's (room.ts). */
  doc: Y.Doc | null;
  awareness: Awareness | null;
  snapshot: RoomSnapshot | null;
  status: ConnectionState;
  synced: boolean;
  unsent: number;
  /** The viewer may change this document (from the workspace query; the server enforces it). */
  canWrite: boolean;
  /** Opened while the assessment took changes (see RoomRequest.localCopy): its page shows it live. */
  openedLive: boolean;
  /** Not canWrite, or the room is not open yet, or the server refused our changes. */
  readOnly: boolean;
}

export interface RoomRequest extends RoomRef {
  canWrite: boolean;
  /**
   * Merge in the browser's own copy (IndexedDB: offline edits, offline reading); default yes. Pages of a closed
   * assessment leave it out: edits refused because it closed must not show there as if they counted.
   */
  localCopy?: boolean;
}

const key = (requests: readonly RoomRequest[]) => requests.map((r) => `${r.assessmentId}/${r.teamId}/${r.localCopy !== false}`).join(',');

/**
 * Opens several rooms at once (the comparison reads every team's document) and
 * re-renders on any change in any of them. Rooms are closed on unmount.
 */
export function useRooms(requests: readonly RoomRequest[], userId: string): RoomView[] {
  const refsKey = key(requests);
  const [rooms, setRooms] = useState<RoomConnection[]>([]);

  useEffect(() => {
    const opened = requests.map((ref) =>
      new RoomConnection({ assessmentId: ref.assessmentId, teamId: ref.teamId }, { userId, ...(ref.localCopy === false ? { persist: false } : {}) }));
    setRooms(opened);
    return () => {
      for (const room of opened) room.destroy();
      setRooms([]);
    };
    // The rooms depend on which documents are asked for, not on the array's identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refsKey, userId]);

  const store = useMemo(() => {
    let cached: (RoomSnapshot | null)[] = [];
    return {
      subscribe: (listener: () => void) => {
        const unsubscribes = rooms.map((room) => room.subscribe(listener));
        return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
      },
      getSnapshot: () => {
        const current = rooms.map((room) => room.getSnapshot());
        if (current.length !== cached.length || current.some((s, i) => s !== cached[i])) cached = current;
        return cached;
      },
    };
  }, [rooms]);
  const snapshots = useSyncExternalStore(store.subscribe, store.getSnapshot, getServerSnapshot);

  return requests.map((request, i) => {
    const room = rooms[i] ?? null;
    const snapshot = snapshots[i] ?? null;
    return {
      room,
      doc: room?.shownDoc ?? null,
      awareness: room?.awareness ?? null,
      snapshot,
      status: snapshot?.connection ?? 'syncing',
      synced: snapshot?.synced ?? false,
      unsent: snapshot?.unsent ?? 0,
      canWrite: request.canWrite,
      openedLive: request.localCopy !== false,
      readOnly: !(room && request.canWrite && snapshot && !snapshot.writeRefused && snapshot.closedCode === null),
    };
  });
}

const NONE: (RoomSnapshot | null)[] = [];
const getServerSnapshot = () => NONE;

/** One team's document: doc, presence, connection state and unsent changes. */
export function useRoom(request: RoomRequest, userId: string): RoomView {
  const requests = useMemo(() => [request], [request.assessmentId, request.teamId, request.canWrite, request.localCopy]); // eslint-disable-line react-hooks/exhaustive-deps
  return useRooms(requests, userId)[0]!;
}
