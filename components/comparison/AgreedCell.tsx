'use client';
import { useRef } from 'react';
import type { MaybeRating } from '@/server/domain/rating';
import { ratingLabel } from '../assessment/RatingCell';
import { presenceMarks } from '../collab/presence-marks';
import type { Person } from '../collab/presence';
import { t } from '../i18n/messages';
import { ratingData, ratingStyle } from '../workshop/colours';
import { RatingSelect } from '../workshop/RatingSelect';
import { SMALL_BUTTON } from '../layout/buttons';

/**
 * The agreed (ecoregional) rating of a threat. Facilitators pick it, with the
 * country teams' median one click away; everyone else reads it and the median.
 */
export function AgreedCell({ threat, rating, notApplicable, median, medianNoteId, editable, disabled, people, onChange }: {
  threat: string;
  rating: MaybeRating;
  notApplicable: boolean;
  median: MaybeRating;
  /** The visible note that says how the median is taken (the higher middle value for an even number of teams). */
  medianNoteId: string;
  /** The viewer sets the agreed column (facilitators, while the assessment is open). */
  editable: boolean;
  /** Not connected yet, or the server refused our changes. */
  disabled: boolean;
  people: Person[] | undefined;
  onChange: (rating: MaybeRating, notApplicable: boolean) => void;
}) {
  const marks = presenceMarks(people);
  const pickers = useRef<HTMLDivElement>(null);
  const takeMedian = () => {
    onChange(median, false);
    // The button goes once the median is taken: the keyboard stays in the cell, on its picker.
    pickers.current?.querySelector('select')?.focus();
  };
  const medianDiffers = median !== null && (median !== rating || notApplicable);
  return (
    <td
      className={`border border-stone-300 px-2 py-1 text-center text-sm ${marks.className}`}
      style={{ ...ratingStyle(rating), ...marks.style }}
      data-rating={ratingData(rating, notApplicable)}
      data-median={median ?? 'none'}
      title={marks.title}
    >
      {editable ? (
        <div ref={pickers} className="flex flex-col items-stretch gap-1">
          <RatingSelect
            label={t('comparison.agreedOf', { threat })}
            value={rating}
            notApplicable={notApplicable}
            withNotApplicable
            emptyLabel={t('rating.none')}
            disabled={disabled}
            onChange={onChange}
            description={marks.description}
          />
          {medianDiffers && (
            <button
              type="button"
              aria-label={t('comparison.useMedianFor', { rating: ratingLabel(median), threat })}
              aria-describedby={medianNoteId}
              title={t('comparison.medianNote')}
              disabled={disabled}
              onClick={takeMedian}
              className={`${SMALL_BUTTON} bg-white/90 text-stone-900`}
            >
              {t('comparison.useMedian', { rating: ratingLabel(median) })}
            </button>
          )}
        </div>
      ) : (
        <>
          <span>{notApplicable ? t('rating.notApplicable') : ratingLabel(rating)}</span>
          {median !== null && <span className="block text-xs opacity-80" title={t('comparison.medianNote')}>{t('comparison.median', { rating: ratingLabel(median) })}</span>}
        </>
      )}
    </td>
  );
}
