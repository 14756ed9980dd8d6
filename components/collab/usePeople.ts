'use client';
import { useMemo } from 'react';
import { focusMap, peopleOnline, type Person } from './presence';
import type { RoomView } from './useRoom';

/** The people in a room and where they are, recomputed when presence changes. */
export function usePeople(view: RoomView): { people: Person[]; byFocus: Map<string, Person[]> } {
  const revision = view.snapshot?.presenceRevision ?? -1;
  const room = view.room;
  return useMemo(() => {
    const people = room ? peopleOnline(room.awareness.getStates(), room.doc.clientID) : [];
    return { people, byFocus: focusMap(people) };
    // revision stands for the awareness states, which change in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [room, revision]);
}
