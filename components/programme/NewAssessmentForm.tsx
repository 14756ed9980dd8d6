'use client';
import { useRouter } from 'next/navigation';
import { ASSESSMENT_MODES, ASSESSMENT_YEARS, MAX_ASSESSMENT_NAME_LENGTH } from '@/server/domain/method';
import { t } from '../i18n/messages';
import { trpc } from '../trpc/client';
import { Field, FormError, SubmitButton, useFormSubmit } from '../layout/form';

/**
 * A facilitator starts an assessment for a plan revision. It begins as a draft, so
 * teams can look before the facilitator opens it for rating.
 */
export function NewAssessmentForm({ programmeId }: { programmeId: string }) {
  const router = useRouter();
  const { form: formHandlers, error, pending } = useFormSubmit(async (form) => {
    const year = form.get('year');
    const name = String(form.get('name'));
    // Spaces alone pass the browser's `required`, and a length limit on the field would cut a pasted name without a
    // word: both said here, in the server's words, without sending the form.
    if (name.trim() === '') throw new Error(t('error.input.assessmentName'));
    if (name.trim().length > MAX_ASSESSMENT_NAME_LENGTH) throw new Error(t('error.input.assessmentNameTooLong', { maximum: MAX_ASSESSMENT_NAME_LENGTH }));
    const created = await trpc.assessment.create.mutate({
      programmeId,
      name,
      // An empty or unreadable year goes to the server as not-a-number, which answers with the catalogue's message.
      year: year === '' ? Number.NaN : Number(year),
      mode: String(form.get('mode')) as (typeof ASSESSMENT_MODES)[number],
    });
    router.push(`/assessments/${created.id}`);
  });

  return (
    <form {...formHandlers} className="flex max-w-xl flex-col gap-3">
      <Field label={t('assessment.new.name')} name="name" required />
      <div className="flex flex-wrap gap-4">
        <Field label={t('assessment.new.year')} name="year" type="number" required step={1}
          min={ASSESSMENT_YEARS.first} max={ASSESSMENT_YEARS.last} defaultValue={new Date().getFullYear()} />
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t('assessment.new.mode')}</span>
          <select name="mode" defaultValue="rapid" className="rounded border border-stone-300 px-2 py-1.5">
            {ASSESSMENT_MODES.map((mode) => <option key={mode} value={mode}>{t(`assessment.mode.${mode}`)}</option>)}
          </select>
        </label>
      </div>
      <p className="text-sm text-stone-600">{t('assessment.new.draftNote')}</p>
      <FormError message={error} />
      <SubmitButton pending={pending}>{t('assessment.new.submit')}</SubmitButton>
    </form>
  );
}
