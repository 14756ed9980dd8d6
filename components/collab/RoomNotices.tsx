'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { CLOSE } from '@/server/collab/protocol';
import { isAssessmentEditable } from '@/server/domain/policy';
import { useClosingHere } from '../assessment/own-status-moves';
import { t, type MessageKey } from '../i18n/messages';
import { signInPath } from '../layout/page-errors';
import { NotSavedDetails, notSavedPlaces, type Places } from './NotSavedDetails';
import type { RoomView } from './useRoom';

const MAX_PLACES_NAMED = 5;
const NOTICE = 'rounded bg-amber-50 px-2 py-1 text-amber-900';

/** What the server refused or stopped on the page's documents, each said once, below the people on the page. */
export function RoomNotices({ rooms, places }: { rooms: readonly RoomView[]; places: Places }) {
  const path = usePathname();
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
  const unsavedRooms = unsavedAs ? rooms.flatMap((r) => (r.room && r.snapshot?.unsavedChanges ? [r.room] : [])) : [];
  const entries = notSavedPlaces(unsavedRooms, places);
  const notSaved = entries.map(({ label }) => label);
  // The bar is pinned: a long list would cover the table it is about (the details below open on request).
  const named = notSaved.length > MAX_PLACES_NAMED ? [...notSaved.slice(0, MAX_PLACES_NAMED - 1), t('collab.unsaved.more', { count: notSaved.length - MAX_PLACES_NAMED + 1 })] : notSaved;
  if (!refused && !stoppedAs && !unsavedAs && closed === null) return null;
  // At most a quarter of the window, scrolling within: on a phone, notices and the list of what stays on the device
  // would otherwise fill the pinned bar and hide the table (nothing here can be edited while they show, but it is read).
  return (
    <div role="region" aria-label={t('collab.notices')} className="flex max-h-[25vh] flex-col gap-1 overflow-y-auto text-sm">
      {refused && <p role="alert" className={NOTICE}>{t('collab.writeRefused')}</p>}
      {stoppedAs && <p role="alert" className={NOTICE}>{t(stoppedAs === 'published' ? 'collab.assessmentPublished' : 'collab.assessmentClosed')}</p>}
      {unsavedAs && (
        <div className={NOTICE}>
          <p role="alert">
            {t(unsavedAs === 'published' ? 'collab.unsaved.published' : 'collab.unsaved.closed')}
            {named.length > 0 && <> {t('collab.unsaved.places', { places: named.join('; ') })}</>}
          </p>
          <NotSavedDetails entries={entries} />
        </div>
      )}
      {closed !== null && (
        <p role="alert" className="rounded bg-red-50 px-2 py-1 text-red-800">
          {closedMessage(closed)}
          {closed === CLOSE.unauthenticated && <> <Link href={signInPath(path)} className="font-medium underline">{t('collab.signInAgain')}</Link></>}
        </p>
      )}
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
