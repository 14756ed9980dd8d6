import { t } from '../i18n/messages';

/** The key under a threat table: what its marks mean, only for the marks it shows. */
export function TableLegend({ notApplicable, differs }: { notApplicable: boolean; differs: boolean }) {
  if (!notApplicable && !differs) return null;
  return (
    <dl className="flex flex-col gap-1 text-sm text-stone-600">
      {notApplicable && (
        <div className="flex gap-2">
          <dt className="w-3 shrink-0 text-center font-semibold">–</dt>
          <dd>{t('rating.notApplicable')}</dd>
        </div>
      )}
      {differs && (
        <div className="flex gap-2">
          <dt className="w-3 shrink-0 text-center font-semibold">*</dt>
          <dd className="min-w-0">{t('assessment.differs')}</dd>
        </div>
      )}
    </dl>
  );
}
