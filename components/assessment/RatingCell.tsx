import { NOT_RATED_COLOUR, RATING_COLOURS, type MaybeRating } from '@/server/domain/rating';
import { t } from '../i18n/messages';

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
  const background = rating ? RATING_COLOURS[rating] : NOT_RATED_COLOUR;
  const Tag = header ? 'th' : 'td';
  return (
    <Tag
      className={`border border-stone-300 px-2 py-1 text-center text-sm ${rating === 'very_high' ? 'text-white' : ''} ${note ? 'outline-2 -outline-offset-2 outline-dashed outline-stone-700' : ''}`}
      style={{ backgroundColor: background }}
      data-rating={rating ?? (notApplicable ? 'not_applicable' : 'none')}
      title={note}
    >
      {notApplicable ? '–' : ratingLabel(rating)}
      {notApplicable && <span className="sr-only">{t('rating.notApplicable')}</span>}
      {note && <span aria-hidden="true"> *</span>}
    </Tag>
  );
}
