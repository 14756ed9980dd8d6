'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition } from 'react';
import { nextStatuses, type AssessmentStatus, type ReachableStatus } from '@/server/domain/policy';
import { t } from '../i18n/messages';
import { FormError, useAction } from '../layout/form';
import { trpc } from '../trpc/client';
import { useLiveStatus } from './LiveStatus';
import { endOwnMove, startOwnMove } from './own-status-moves';

const BUTTON = 'rounded px-3 py-2 text-sm font-medium disabled:opacity-60';

function actionLabel(from: AssessmentStatus, to: ReachableStatus): string {
  return t(from === 'closed' && to === 'open' ? 'assessment.statusAction.reopen' : `assessment.statusAction.${to}`);
}

/**
 * The facilitator moves the assessment on: draft → open → closed → published (or
 * back to open from closed). Publishing is final, so it asks once more, with
 * Cancel focused. A published assessment only says so.
 */
export function StatusControl({ assessmentId, status: rendered }: { assessmentId: string; status: AssessmentStatus }) {
  const router = useRouter();
  // Another facilitator may move it on while this page is open: offer the moves from where it is now.
  const status = useLiveStatus(rendered);
  const [confirmingPublish, setConfirmingPublish] = useState(false);
  // The buttons stay disabled until the page shows the new status: the old one's moves would only be refused.
  const [refreshing, startRefresh] = useTransition();
  const section = useRef<HTMLElement>(null);
  const { run, error, pending, clearError } = useAction(async (to: ReachableStatus) => {
    startOwnMove(assessmentId, to);
    try {
      await trpc.assessment.setStatus.mutate({ assessmentId, status: to });
    } catch (refused) {
      endOwnMove(assessmentId);
      throw refused;
    }
    setConfirmingPublish(false);
    startRefresh(() => router.refresh());
    // The button pressed goes away with the old status: focus stays with the control, which reads the new one.
    section.current?.focus();
  });
  const busy = pending || refreshing;
  // The page shows the status this tab moved to: from here on, moves are news again.
  useEffect(() => endOwnMove(assessmentId), [assessmentId, rendered]);
  // Moved on elsewhere: a question or an answer about the old status no longer applies, and a keyboard user whose
  // button went with it stays with the control (the removed button took the focus to the page's start).
  const focusWithin = useRef(false);
  useEffect(() => {
    setConfirmingPublish(false);
    clearError();
    if (focusWithin.current && !section.current?.contains(document.activeElement)) section.current?.focus();
  }, [status]); // eslint-disable-line react-hooks/exhaustive-deps
  const ids = { title: useId(), text: useId() };
  const publishButton = useRef<HTMLButtonElement>(null);
  const askedToPublish = useRef(false);
  useEffect(() => {
    // Back from the question without publishing: focus returns to where it was.
    if (!confirmingPublish && askedToPublish.current) publishButton.current?.focus();
    askedToPublish.current = confirmingPublish;
  }, [confirmingPublish]);

  return (
    <section
      ref={section}
      tabIndex={-1}
      aria-label={t('assessment.statusControl')}
      onFocus={() => { focusWithin.current = true; }}
      // A button removed while focused (its move made elsewhere) may report a blur to nowhere: that is not leaving.
      onBlur={(event) => {
        const to = event.relatedTarget;
        if (to ? !event.currentTarget.contains(to) : event.target.isConnected) focusWithin.current = false;
      }}
      className="flex flex-col gap-2 rounded border border-stone-200 bg-stone-50 p-3">
      <p className="text-sm">{t(`assessment.statusHelp.${status}`)}</p>
      {confirmingPublish ? (
        <div
          role="alertdialog"
          aria-labelledby={ids.title}
          aria-describedby={ids.text}
          onKeyDown={(event) => { if (event.key === 'Escape') setConfirmingPublish(false); }}
          className="flex flex-col gap-2"
        >
          <h3 id={ids.title} className="sr-only">{t('assessment.statusAction.published')}</h3>
          <p id={ids.text} className="text-sm font-medium">{t('assessment.publishConfirm')}</p>
          <div className="flex gap-2">
            <button type="button" disabled={busy} onClick={() => void run('published')} className={`${BUTTON} bg-red-700 text-white hover:bg-red-800`}>
              {t('assessment.publishConfirmYes')}
            </button>
            <button type="button" autoFocus onClick={() => setConfirmingPublish(false)} className={`${BUTTON} border border-stone-300 bg-white`}>
              {t('assessment.publishConfirmNo')}
            </button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          {nextStatuses(status).map((to) => (
            <button
              key={to}
              ref={to === 'published' ? publishButton : undefined}
              type="button"
              disabled={busy}
              onClick={() => (to === 'published' ? setConfirmingPublish(true) : void run(to))}
              // Publishing is final: it does not look like the moves that can be undone.
              className={`${BUTTON} ${to === 'published' ? 'border border-red-700 bg-white text-red-800 hover:bg-red-50' : 'bg-emerald-700 text-white hover:bg-emerald-800'}`}
            >
              {actionLabel(status, to)}
            </button>
          ))}
        </div>
      )}
      <FormError message={error} />
    </section>
  );
}
