'use client';
import type { ThreatValues } from '@/server/collab/document';
import { ratingLabel } from '../assessment/RatingCell';
import { pinned } from '../assessment/table-layout';
import { presenceMarks } from '../collab/presence-marks';
import type { Person } from '../collab/presence';
import { t } from '../i18n/messages';
import { ratingData, ratingStyle } from './colours';
import { RatingSelect } from './RatingSelect';
import { RationaleField } from './RationaleField';
import { SMALL_BUTTON } from '../layout/buttons';

const border = 'border border-stone-300 px-2 py-1';
/**
 * The rationale box grows with its text (none hidden in a one-line box): at least
 * three lines, as in the matrix's editor, at most about twelve. Sized to its text,
 * a box would also ask for the width of its longest line and widen the column to it:
 * it asks for none (`w-0`) and fills whatever width the column gets (`min-w-full`).
 */
const growing = '[&_textarea]:field-sizing-content [&_textarea]:min-h-[4.5rem] [&_textarea]:max-h-64 [&_textarea]:w-0 [&_textarea]:min-w-full';

/**
 * One threat rated as a whole: the rating in Miradi's colour, N/A, the rationale
 * and a history button. People who may not write it see plain values.
 */
export function ThreatRow({ threat, values, canWrite, readOnly, people, historyOpen, onFocus, onChange, onToggleHistory }: {
  threat: { id: string; name: string };
  values: ThreatValues;
  canWrite: boolean;
  /** Controls are shown but disabled (not connected yet, or refused by the server). */
  readOnly: boolean;
  people: Person[] | undefined;
  historyOpen: boolean;
  onFocus: () => void;
  onChange: (patch: Partial<ThreatValues>) => void;
  onToggleHistory: () => void;
}) {
  const rating = values.notApplicable ? null : values.rating;
  const marks = presenceMarks(people);
  return (
    <tr onFocus={onFocus}>
      <th scope="row" className={`${border} ${pinned} bg-white text-left font-normal`}>{threat.name}</th>
      <td
        className={`${border} min-w-36 text-center ${marks.className}`}
        style={{ ...ratingStyle(rating), ...marks.style }}
        data-rating={ratingData(rating, values.notApplicable)}
        data-present={people?.map((p) => p.user.id).join(' ') || undefined}
        title={marks.title}
      >
        {canWrite ? (
          <RatingSelect
            label={t('workshop.ratingOf', { threat: threat.name })}
            // Not applicable is the threat's value: the (disabled) picker says so, as the comparison does, not "Not rated".
            value={rating}
            emptyLabel={values.notApplicable ? t('rating.notApplicable') : t('rating.none')}
            disabled={readOnly || values.notApplicable}
            onChange={(value) => onChange({ rating: value })}
            className="w-full"
            description={marks.description}
          />
        ) : (
          <span aria-description={marks.description}>{ratingLabel(rating, values.notApplicable)}</span>
        )}
      </td>
      <td className={`${border} text-center`}>
        {canWrite ? (
          <input
            type="checkbox"
            aria-label={t('workshop.notApplicableOf', { threat: threat.name })}
            checked={values.notApplicable}
            disabled={readOnly}
            onChange={(event) => onChange({ notApplicable: event.target.checked })}
            // The browser's 13 px box is too small a target for a finger.
            className="size-6 align-middle"
          />
        ) : (
          values.notApplicable ? t('history.yes') : <span aria-hidden="true">–</span>
        )}
      </td>
      <td className={`${border} min-w-56 ${growing}`}>
        {canWrite ? (
          <RationaleField
            hideLabel
            label={t('workshop.rationaleOf', { threat: threat.name })}
            value={values.rationale}
            disabled={readOnly}
            onCommit={(rationale) => onChange({ rationale })}
          />
        ) : (
          <span className="whitespace-pre-wrap [overflow-wrap:anywhere]">{values.rationale}</span>
        )}
      </td>
      <td className={`${border} text-center`}>
        <button
          type="button"
          aria-label={t('workshop.historyOf', { threat: threat.name })}
          aria-pressed={historyOpen}
          onClick={onToggleHistory}
          data-history={threat.id}
          className={SMALL_BUTTON}
        >
          {t('workshop.actions')}
        </button>
      </td>
    </tr>
  );
}
