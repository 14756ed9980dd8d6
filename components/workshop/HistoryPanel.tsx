'use client';
import { useEffect, useState } from 'react';
import { isRating } from '@/server/domain/rating';
import { formatDateTime, t, type MessageKey } from '../i18n/messages';
import { TRPCClientError } from '@trpc/client';
import { trpc } from '../trpc/client';
import { FormError } from '../layout/form';
import { usePanelInView } from '../layout/usePanelInView';
import { SMALL_BUTTON } from '../layout/buttons';

interface Entry { id: number; field: string; value: string | null; kept: boolean; rationale: string; at: Date | string; actorName: string | null; claimedAuthorName: string | null }

/** The server derives history from the documents a moment after a change: look again then. */
const LOOK_AGAIN_AFTER_MS = [1500, 5000];

const FIELDS = new Set(['scope', 'severity', 'irreversibility', 'rating', 'notApplicable', 'rationale']);

function describe(entry: Entry): string {
  const actor = entry.actorName ?? t('history.someone');
  if (entry.field === 'rationale') return t('history.rationaleOnly', { actor });
  const field = FIELDS.has(entry.field) ? t(`history.field.${entry.field}` as MessageKey) : entry.field;
  let value: string;
  if (entry.field === 'notApplicable') value = entry.value === 'true' ? t('history.yes') : t('history.no');
  else if (entry.value === null) value = t('editor.notSet');
  else value = isRating(entry.value) ? t(`rating.${entry.value}`) : entry.value;
  return t('history.set', { actor, field, value });
}

/** The server's message when it answered; otherwise we could not reach it (offline). */
function failure(error: unknown): string {
  return error instanceof TRPCClientError && error.data ? error.message : t('history.unavailable');
}

/**
 * Who changed a cell or a threat's rating, what to, when and why (newest first),
 * from `rating.history`. `revision` changes when the rating changes, to refetch.
 */
export function HistoryPanel({ assessmentId, teamId, threatId, targetId, place, revision, onClose }: {
  assessmentId: string;
  teamId: string;
  threatId: string;
  targetId: string | null;
  place: string;
  revision: string;
  onClose?: () => void;
}) {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  // Opened on demand (it can be closed), it comes into view; the matrix editor shows it in place.
  const { section, heading } = usePanelInView<HTMLElement, HTMLHeadingElement>(`${threatId}:${targetId ?? ''}`, onClose !== undefined);

  useEffect(() => {
    let live = true;
    const load = () => trpc.rating.history.query({ assessmentId, teamId, threatId, targetId })
      .then((rows) => { if (live) { setEntries(rows); setError(null); } })
      .catch((e: unknown) => { if (live) setError(failure(e)); });
    void load();
    const timers = LOOK_AGAIN_AFTER_MS.map((ms) => setTimeout(() => void load(), ms));
    return () => { live = false; timers.forEach(clearTimeout); };
  }, [assessmentId, teamId, threatId, targetId, revision, reload]);

  useEffect(() => setEntries(null), [assessmentId, teamId, threatId, targetId]);

  useEffect(() => {
    const online = () => setReload((n) => n + 1);
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, []);

  return (
    // Long words (an address pasted into a rationale) wrap anywhere rather than widening the page.
    <section ref={section} aria-label={t('history.region')} className="flex min-w-0 scroll-mt-2 flex-col gap-2 rounded border border-stone-200 bg-white p-3 [overflow-wrap:anywhere]">
      <div className="flex items-center justify-between gap-2">
        <h3 ref={heading} tabIndex={-1} className="min-w-0 font-semibold">{t('history.of', { place })}</h3>
        <div className="flex shrink-0 gap-2">
          <button type="button" onClick={() => setReload((n) => n + 1)} className={SMALL_BUTTON}>
            {t('history.refresh')}
          </button>
          {onClose && (
            <button type="button" onClick={onClose} className={SMALL_BUTTON}>
              {t('history.close')}
            </button>
          )}
        </div>
      </div>
      <FormError message={error} />
      {entries === null && !error && <p className="text-sm text-stone-600">{t('history.loading')}</p>}
      {entries?.length === 0 && <p className="text-sm text-stone-600">{t('history.empty')}</p>}
      {entries && entries.length > 0 && (
        <ol aria-label={t('history.of', { place })} className="flex max-h-72 flex-col gap-2 overflow-y-auto text-sm">
          {entries.map((entry) => {
            const at = new Date(entry.at);
            return (
              <li key={entry.id} className="border-b border-stone-100 pb-1">
                <p>{describe(entry)}</p>
                {!entry.kept && <p className="text-xs font-medium text-stone-800">{t('history.notKept')}</p>}
                {entry.claimedAuthorName && <p className="text-xs text-stone-600">{t('history.claimedAuthor', { author: entry.claimedAuthorName })}</p>}
                <p className="text-xs text-stone-600"><time dateTime={at.toISOString()}>{formatDateTime(at)}</time></p>
                {/* A change of a level carries the cell's rationale as it stood, which someone else may have written;
                    a change of the rationale, the text it was changed to (which may not have been kept). */}
                {entry.field === 'rationale' ? (
                  entry.value && <p className="text-xs italic text-stone-700">{t('history.rationaleNow', { rationale: entry.value })}</p>
                ) : (
                  entry.rationale && <p className="text-xs italic text-stone-700">{t('history.rationaleThen', { rationale: entry.rationale })}</p>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
