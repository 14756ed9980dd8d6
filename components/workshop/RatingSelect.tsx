'use client';
import type { MaybeRating, Rating } from '@/server/domain/rating';
import { t } from '../i18n/messages';
import { ratingStyle } from './colours';

/** The open list keeps plain colours, whatever the picker's level. */
const OPTION = 'bg-white text-stone-900';

/** Miradi lists levels from the highest down. */
const LEVELS: Rating[] = ['very_high', 'high', 'medium', 'low'];
export const NOT_APPLICABLE = 'not_applicable';

/**
 * A labelled picker for one level. With `withNotApplicable`, "Not applicable" is
 * one more choice (the agreed column); otherwise it is a separate checkbox.
 */
export function RatingSelect({ label, value, notApplicable = false, onChange, disabled, emptyLabel, withNotApplicable = false, className = '', description, describedBy }: {
  label: string;
  value: MaybeRating;
  notApplicable?: boolean;
  onChange: (value: MaybeRating, notApplicable: boolean) => void;
  disabled: boolean;
  emptyLabel: string;
  withNotApplicable?: boolean;
  className?: string;
  /** Who else is here (presence), for assistive technology. */
  description?: string;
  /** The id of visible text that explains the picker (what its level means). */
  describedBy?: string;
}) {
  const current = withNotApplicable && notApplicable ? NOT_APPLICABLE : value ?? '';
  return (
    <select
      aria-label={label}
      aria-description={description}
      aria-describedby={describedBy}
      value={current}
      disabled={disabled}
      onChange={(event) => {
        const next = event.target.value;
        if (next === NOT_APPLICABLE) onChange(null, true);
        else onChange(next === '' ? null : (next as Rating), false);
      }}
      // The picker wears the level's own Miradi colour, so a row of pickers reads like the published table.
      style={ratingStyle(withNotApplicable && notApplicable ? null : value)}
      className={`rounded border border-stone-400 px-1.5 py-1 text-sm text-stone-900 disabled:cursor-not-allowed disabled:opacity-80 ${className}`}
    >
      <option value="" className={OPTION}>{emptyLabel}</option>
      {LEVELS.map((level) => <option key={level} value={level} className={OPTION}>{t(`rating.${level}`)}</option>)}
      {withNotApplicable && <option value={NOT_APPLICABLE} className={OPTION}>{t('rating.notApplicable')}</option>}
    </select>
  );
}
