'use client';
import { useRef } from 'react';
import { ConnectionStatus } from './ConnectionStatus';
import { PresenceList, type PlaceDescriber } from './PresenceList';
import type { Person } from './presence';
import type { RoomView } from './useRoom';
import { usePinnedHeight } from './usePinnedHeight';

/**
 * Who is here and the connection, pinned to the top of the window: in a long
 * matrix people should still see that they went offline or were told to stop.
 */
export function RoomBar<P extends Person>({ people, describe, rooms }: {
  people: readonly P[];
  describe: PlaceDescriber<P>;
  rooms: readonly RoomView[];
}) {
  const bar = useRef<HTMLDivElement>(null);
  usePinnedHeight(bar);
  return (
    <div ref={bar} className="sticky top-0 z-20 -mx-2 flex flex-wrap items-start justify-between gap-4 bg-stone-50/95 px-2 py-2 backdrop-blur">
      <PresenceList people={people} describe={describe} />
      <ConnectionStatus rooms={rooms} />
    </div>
  );
}
