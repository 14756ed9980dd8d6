'use client';
import { useSyncExternalStore } from 'react';
import { t } from '../i18n/messages';
import { combineConnections, connectionLabel, offlineCause, offlineExplanation } from './status';
import type { RoomView } from './useRoom';

const DOT = { online: 'bg-emerald-600', syncing: 'bg-amber-500', offline: 'bg-stone-500' } as const;

function onNetworkChange(changed: () => void) {
  window.addEventListener('online', changed);
  window.addEventListener('offline', changed);
  return () => {
    window.removeEventListener('online', changed);
    window.removeEventListener('offline', changed);
  };
}

/** The connection state of the page's documents, on one line (what the server refused: RoomNotices). */
export function ConnectionStatus({ rooms }: { rooms: readonly RoomView[] }) {
  const { status, unsent } = combineConnections(rooms);
  const networkUp = useSyncExternalStore(onNetworkChange, () => navigator.onLine, () => true);
  const cause = status === 'offline' ? offlineCause(networkUp, rooms.some((room) => room.snapshot?.closedCode != null)) : null;
  const explained = offlineExplanation(cause);
  // On a phone the state has a line of its own, whatever it says: a longer state wrapping under the heading would
  // make the pinned bar taller, and push the table down, each time the connection drops or returns.
  return (
    <p className="flex items-center gap-2 text-sm max-sm:basis-full">
      <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${DOT[status]}`} />
      <span role="status" aria-label={t('collab.connection')} aria-description={explained} title={explained} data-connection={status} data-unsent={unsent}>
        {connectionLabel(status, unsent, cause)}
      </span>
    </p>
  );
}
