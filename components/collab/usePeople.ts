'use client';
import { useMemo } from 'react';
import { focusMap, peopleAcross, peopleOnline, type Person, type PersonInRoom } from './presence';
import type { RoomView } from './useRoom';

function inRoom(room: RoomView['room']): Person[] {
  return room ? peopleOnline(room.awareness.getStates(), room.doc.clientID) : [];
}

/** The people in a room and where they are, recomputed when presence changes. */
export function usePeople(view: RoomView): { people: Person[]; byFocus: Map<string, Person[]> } {
  const revision = view.snapshot?.presenceRevision ?? -1;
  const room = view.room;
  return useMemo(() => {
    const people = inRoom(room);
    return { people, byFocus: focusMap(people) };
    // revision stands for the awareness states, which change in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [room, revision]);
}

/** Everyone in a page's rooms (the page's own room first), once each, with the room they are in. */
export function usePeopleAcross(rooms: ReadonlyArray<{ room: string; view: RoomView }>): PersonInRoom[] {
  const revisions = rooms.map(({ view }) => `${view.room?.doc.guid ?? ''}:${view.snapshot?.presenceRevision ?? -1}`).join();
  return useMemo(
    () => peopleAcross(rooms.map(({ room, view }) => ({ room, people: inRoom(view.room) }))),
    // The revisions stand for the rooms and their awareness states, which change in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [revisions],
  );
}
