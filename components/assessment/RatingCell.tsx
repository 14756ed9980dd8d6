import type { MaybeRating } from '@/server/domain/rating';
import { t } from '../i18n/messages';
import { ratingData, ratingStyle } from '../workshop/colours';

export function ratingLabel(rating: MaybeRating, notApplicable = false): string {
  if (notApplicable) return t('rating.notApplicable');
  return rating ? t(`rating.${rating}`) : t('rating.none');
}

/** A table cell in Miradi's colour for its rating; N/A and not rated stay white. */
export function RatingCell({ rating, notApplicable = false, note, header = false }: {
  rating: MaybeRating;
  notApplicable?: boolean;
  note?: string;
  header?: boolean;
}) {
  const Tag = header ? 'th' : 'td';
  return (
    <Tag
      className={`border border-stone-300 px-2 py-1 text-center text-sm ${note ? 'outline-2 -outline-offset-2 outline-dashed outline-stone-700' : ''}`}
      style={ratingStyle(rating)}
      data-rating={ratingData(rating, notApplicable)}
      title={note}
    >
      {notApplicable ? '–' : ratingLabel(rating)}
      {notApplicable && <span className="sr-only">{t('rating.notApplicable')}</span>}
      {note && <span aria-hidden="true"> *</span>}
    </Tag>
  );
}

/**
 * A summary a column does not have as one value: a detailed assessment's country team
 * rates per target, and its target summaries are under its matrix. Said in words, the
 * same in the live comparison and the stored table, rather than "Not rated" or blank.
 */
export function PerTargetCell() {
  return (
    <td className="border border-stone-300 px-2 py-1 text-center text-sm text-stone-600" title={t('assessment.perTargetNote')}>
      {t('assessment.perTarget')}
    </td>
  );
}
