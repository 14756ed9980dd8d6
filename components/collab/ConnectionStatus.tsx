'use client';
import { CLOSE } from '@/server/collab/protocol';
import { isAssessmentEditable } from '@/server/domain/policy';
import { useClosingHere } from '../assessment/own-status-moves';
import { t, type MessageKey } from '../i18n/messages';
import { combineConnections, connectionLabel } from './status';
import type { RoomView } from './useRoom';

const MAX_PLACES_NAMED = 5;

const DOT = { online: 'bg-emerald-600', syncing: 'bg-amber-500', offline: 'bg-stone-500' } as const;

/** The connection state of the page's documents, and what the server refused. */
export function ConnectionStatus({ rooms, placeName }: { rooms: readonly RoomView[]; placeName: (entry: string) => string | null }) {
  const { status, unsent } = combineConnections(rooms);
  // To everyone whose page showed the assessment live (a page opened on a closed one says so itself), readers
  // too, but not to the facilitator whose own page is closing it.
  const closingHere = useClosingHere(rooms.find((r) => r.room)?.room?.ref.assessmentId ?? null);
  const stoppedAs = closingHere ? null : rooms.map((r) => (r.openedLive ? r.snapshot?.assessment ?? null : null))
    .find((status) => status !== null && !isAssessmentEditable(status)) ?? null;
  const refused = !stoppedAs && rooms.some((r) => r.canWrite && r.snapshot?.writeRefused);
  const closed = rooms.map((r) => r.snapshot?.closedCode ?? null).find((code) => code !== null) ?? null;
  // Said on any page, also one opened on the closed assessment: the person's own work is at stake.
  const unsavedAs = rooms.map((r) => (r.snapshot?.unsavedChanges ? r.snapshot.assessment : null))
    .find((status) => status !== null && !isAssessmentEditable(status)) ?? null;
  const notSaved = unsavedAs ? [...new Set(rooms.flatMap((r) => r.room?.notSavedEntries() ?? []).map((entry) => placeName(entry) ?? entry))] : [];
  // The bar is pinned: a long list would cover the table it is about.
  const named = notSaved.length > MAX_PLACES_NAMED ? [...notSaved.slice(0, MAX_PLACES_NAMED - 1), t('collab.unsaved.more', { count: notSaved.length - MAX_PLACES_NAMED + 1 })] : notSaved;
  return (
    <div className="flex flex-col items-end gap-1 text-sm">
      <p className="flex items-center gap-2">
        <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${DOT[status]}`} />
        <span role="status" aria-label={t('collab.connection')} data-connection={status} data-unsent={unsent}>
          {connectionLabel(status, unsent)}
        </span>
      </p>
      {refused && <p role="alert" className="rounded bg-amber-50 px-2 py-1 text-amber-900">{t('collab.writeRefused')}</p>}
      {stoppedAs && (
        <p role="alert" className="rounded bg-amber-50 px-2 py-1 text-amber-900">
          {t(stoppedAs === 'published' ? 'collab.assessmentPublished' : 'collab.assessmentClosed')}
        </p>
      )}
      {unsavedAs && (
        <p role="alert" className="rounded bg-amber-50 px-2 py-1 text-amber-900">
          {t(unsavedAs === 'published' ? 'collab.unsaved.published' : 'collab.unsaved.closed')}
          {named.length > 0 && <> {t('collab.unsaved.places', { places: named.join('; ') })}</>}
        </p>
      )}
      {closed !== null && <p role="alert" className="rounded bg-red-50 px-2 py-1 text-red-800">{closedMessage(closed)}</p>}
    </div>
  );
}

// The refusals a person can act on get their own message; other codes are shown as numbers.
const CLOSED_MESSAGES = new Map<number, MessageKey>([
  [CLOSE.unauthenticated, 'collab.closed.unauthenticated'],
  [CLOSE.forbidden, 'collab.closed.forbidden'],
  [CLOSE.notFound, 'collab.closed.notFound'],
]);

function closedMessage(code: number): string {
  const key = CLOSED_MESSAGES.get(code);
  return key ? t(key) : t('collab.closed', { code });
}
