import { t } from '../i18n/messages';
import type { ConnectionState } from './room';

/** "online", "syncing", or "offline — n unsent changes". */
export function connectionLabel(state: ConnectionState, unsent: number): string {
  if (state !== 'offline') return t(state === 'online' ? 'collab.online' : 'collab.syncing');
  if (unsent === 0) return t('collab.offline.none');
  return unsent === 1 ? t('collab.offline.one') : t('collab.offline.many', { count: unsent });
}

/** Several rooms as one: offline if any is offline, syncing if any is syncing; unsent changes add up. */
export function combineConnections(rooms: readonly { status: ConnectionState; unsent: number }[]): { status: ConnectionState; unsent: number } {
  const status: ConnectionState = rooms.some((r) => r.status === 'offline') ? 'offline'
    : rooms.some((r) => r.status === 'syncing') || rooms.length === 0 ? 'syncing' : 'online';
  return { status, unsent: rooms.reduce((sum, r) => sum + r.unsent, 0) };
}
