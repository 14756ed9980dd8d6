'use client';
import { useSyncExternalStore } from 'react';
import { t } from '../i18n/messages';
import { combineConnections, connectionLabel, offlineCause } from './status';
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
  const cause = offlineCause(networkUp, rooms.some((room) => room.snapshot?.closedCode != null));
  return (
    <p className="flex items-center gap-2 text-sm">
      <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${DOT[status]}`} />
      <span role="status" aria-label={t('collab.connection')} data-connection={status} data-unsent={unsent}>
        {connectionLabel(status, unsent, cause)}
      </span>
    </p>
  );
}
