'use client';
import { useRef } from 'react';
import { t } from '../i18n/messages';
import { ConnectionStatus } from './ConnectionStatus';
import type { Places } from './NotSavedDetails';
import { RoomNotices } from './RoomNotices';
import { PresenceList, type PlaceDescriber } from './PresenceList';
import type { Person } from './presence';
import type { RoomView } from './useRoom';
import { usePinnedHeight } from './usePinnedHeight';

/**
 * Who is here and the connection, pinned to the top of the window: in a long
 * matrix people should still see that they went offline or were told to stop.
 */
export function RoomBar<P extends Person>({ where, people, describe, rooms, places }: {
  /** Whose document this is (a team's), said in the bar: the page's heading scrolls away, and a facilitator may write every team's. */
  where?: string;
  people: readonly P[];
  describe: PlaceDescriber<P>;
  rooms: readonly RoomView[];
  /** The threats and cells of the documents, named and in table order. */
  places: Places;
}) {
  const bar = useRef<HTMLDivElement>(null);
  usePinnedHeight(bar);
  // The list of people never changes the bar's height (see PresenceList): the page under it would jump whenever
  // someone joins or moves, between a press and its release, and the click would land on another row.
  return (
    <div ref={bar} className="sticky top-0 z-20 -mx-2 flex flex-col gap-1 bg-stone-50/95 px-2 py-2 text-sm backdrop-blur">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        {/* The count: on a narrow screen the line of people may go on past its edge. */}
        <div className="flex items-baseline gap-2">
          {where && <p className="rounded bg-stone-200 px-1.5 font-semibold text-stone-900">{where}</p>}
          <h2 className="font-semibold">{t('presence.titleCount', { count: people.length })}</h2>
        </div>
        <ConnectionStatus rooms={rooms} />
      </div>
      <PresenceList people={people} describe={describe} />
      <RoomNotices rooms={rooms} places={places} />
    </div>
  );
}
