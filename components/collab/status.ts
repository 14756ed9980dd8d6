import { t } from '../i18n/messages';
import type { ConnectionState } from './room';

/**
 * Why a page is offline, when it can tell: the device has no network, or it has one and the server does not answer
 * (people then check the server or the venue's network, not their own Wi-Fi). Null when the server ended the
 * connection for good: the page's notices say why.
 */
export type OfflineCause = 'network' | 'server' | null;

/** "online", "syncing", or "offline (why) — n unsent changes". */
export function connectionLabel(state: ConnectionState, unsent: number, cause: OfflineCause = null): string {
  if (state !== 'offline') return t(state === 'online' ? 'collab.online' : 'collab.syncing');
  const offline = t(cause === 'network' ? 'collab.offline.network' : cause === 'server' ? 'collab.offline.server' : 'collab.offline');
  if (unsent === 0) return t('collab.unsent.none', { state: offline });
  return unsent === 1 ? t('collab.unsent.one', { state: offline }) : t('collab.unsent.many', { state: offline, count: unsent });
}

/** The cause said in full: the label names it in two words, to fit a phone's line. */
export function offlineExplanation(cause: OfflineCause): string | undefined {
  if (cause === 'network') return t('collab.offline.networkExplained');
  return cause === 'server' ? t('collab.offline.serverExplained') : undefined;
}

/** The cause of being offline, from whether the device has a network and whether the server closed a room for good. */
export function offlineCause(networkUp: boolean, closedForGood: boolean): OfflineCause {
  if (!networkUp) return 'network';
  return closedForGood ? null : 'server';
}

/** Several rooms as one: offline if any is offline, syncing if any is syncing; unsent changes add up. */
export function combineConnections(rooms: readonly { status: ConnectionState; unsent: number }[]): { status: ConnectionState; unsent: number } {
  const status: ConnectionState = rooms.some((r) => r.status === 'offline') ? 'offline'
    : rooms.some((r) => r.status === 'syncing') || rooms.length === 0 ? 'syncing' : 'online';
  return { status, unsent: rooms.reduce((sum, r) => sum + r.unsent, 0) };
}
