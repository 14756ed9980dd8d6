'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { nextStatuses, type AssessmentStatus, type ReachableStatus } from '@/server/domain/policy';
import { t } from '../i18n/messages';
import { FormError, useFormSubmit } from '../layout/form';
import { trpc } from '../trpc/client';

const BUTTON = 'rounded px-3 py-2 text-sm font-medium disabled:opacity-60';

function actionLabel(from: AssessmentStatus, to: ReachableStatus): string {
  return t(from === 'closed' && to === 'open' ? 'assessment.statusAction.reopen' : `assessment.statusAction.${to}`);
}

/**
 * The facilitator moves the assessment on: draft → open → closed → published (or
 * back to open from closed). Publishing is final, so it asks once more. A published
 * assessment only says so.
 */
export function StatusControl({ assessmentId, status }: { assessmentId: string; status: AssessmentStatus }) {
  const router = useRouter();
  const [confirmingPublish, setConfirmingPublish] = useState(false);
  const { onSubmit, error, pending } = useFormSubmit(async (form) => {
    const to = String(form.get('status')) as ReachableStatus;
    if (to === 'published' && !confirmingPublish) return setConfirmingPublish(true);
    await trpc.assessment.setStatus.mutate({ assessmentId, status: to });
    setConfirmingPublish(false);
    router.refresh();
  });
  const moves = nextStatuses(status);

  return (
    <form onSubmit={onSubmit} aria-label={t('assessment.statusControl')} className="flex flex-col gap-2 rounded border border-stone-200 bg-stone-50 p-3">
      <p className="text-sm">{t(`assessment.statusHelp.${status}`)}</p>
      {confirmingPublish ? (
        <div role="alertdialog" aria-label={t('assessment.statusAction.published')} className="flex flex-col gap-2">
          <p className="text-sm font-medium">{t('assessment.publishConfirm')}</p>
          <div className="flex gap-2">
            <button type="submit" name="status" value="published" disabled={pending} className={`${BUTTON} bg-red-700 text-white hover:bg-red-800`}>
              {t('assessment.publishConfirmYes')}
            </button>
            <button type="button" onClick={() => setConfirmingPublish(false)} className={`${BUTTON} border border-stone-300 bg-white`}>
              {t('assessment.publishConfirmNo')}
            </button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          {moves.map((to) => (
            <button key={to} type="submit" name="status" value={to} disabled={pending} className={`${BUTTON} bg-emerald-700 text-white hover:bg-emerald-800`}>
              {actionLabel(status, to)}
            </button>
          ))}
        </div>
      )}
      <FormError message={error} />
    </form>
  );
}
