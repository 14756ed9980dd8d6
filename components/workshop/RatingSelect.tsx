'use client';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { MaybeRating, Rating } from '@/server/domain/rating';
import { t } from '../i18n/messages';
import { ratingStyle } from './colours';
import { choiceOf, NOT_APPLICABLE, parseChoice, pickerStep, type PickerEvent } from './rating-choice';

export { NOT_APPLICABLE };

/** The open list keeps plain colours, whatever the picker's level. */
const OPTION = 'bg-white text-stone-900';

/** Miradi lists levels from the highest down. */
const LEVELS: Rating[] = ['very_high', 'high', 'medium', 'low'];

/**
 * A labelled picker for one level. With `withNotApplicable`, "Not applicable" is
 * one more choice (the agreed column); otherwise it is a separate checkbox.
 *
 * Arrow keys (and typing) on the closed picker step through the levels in place:
 * the level shown is held back, marked "Not saved yet", until Enter or leaving the
 * picker saves it (Escape takes it back), so browsing writes no history. A level
 * picked from the opened list is saved at once.
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
  const stored = choiceOf(value, notApplicable, withNotApplicable);
  const [pending, setPending] = useState<string | null>(null);
  // A closed picker changes its value while handling the key, before any timer: set on keydown, cleared by a timer,
  // it marks the changes keys made. A choice from the opened list comes later, from the list.
  const byKey = useRef(false);
  // A description by reference hides `aria-description`, so while a level is held back both are said from there.
  const unsavedId = useId();
  const latest = useRef({ pending, stored, onChange });
  latest.current = { pending, stored, onChange };

  const step = (event: PickerEvent): boolean => {
    const { pending: held, stored: saved, onChange: write } = latest.current;
    const next = pickerStep(held, saved, event);
    latest.current.pending = next.pending; // a blur right after a key sees this before React renders
    setPending(next.pending);
    if (next.write !== null) {
      const parsed = parseChoice(next.write);
      write(parsed.value, parsed.notApplicable);
    }
    return held !== null;
  };

  // Closing the editor without leaving the picker (its cell closed under it) still saves what was shown.
  useEffect(() => () => { step({ type: 'commit' }); }, []); // eslint-disable-line react-hooks/exhaustive-deps
  // Turned read-only (closed, or the connection refused), nothing held back can be saved any more: the picker
  // shows what is stored, and says which level it could not save (it was never confirmed, so it is not saved
  // later either).
  const [dropped, setDropped] = useState<string | null>(null);
  useEffect(() => {
    if (!disabled) {
      setDropped(null);
      return;
    }
    setDropped(latest.current.pending);
    latest.current.pending = null;
    setPending(null);
  }, [disabled]);

  const onKeyDown = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (event.key === 'Enter') {
      // Enter saves a held level, and then does not also open the list (as it does on Linux).
      if (step({ type: 'commit' })) event.preventDefault();
    } else if (event.key === 'Escape') {
      // Only a held level is taken back; otherwise Escape is for whatever holds the picker (the editor closes).
      if (step({ type: 'revert' })) { event.preventDefault(); event.stopPropagation(); }
    } else {
      byKey.current = true;
      setTimeout(() => { byKey.current = false; });
    }
  };

  const shown = disabled ? stored : pending ?? stored;
  const shownLevel = parseChoice(shown);
  const unsaved = pending !== null && !disabled ? t('picker.unsaved') : undefined;
  return (
    <>
      <select
        aria-label={label}
        aria-description={description}
        aria-describedby={[unsaved && unsavedId, describedBy].filter(Boolean).join(' ') || undefined}
        title={unsaved}
        value={shown}
        disabled={disabled}
        onKeyDown={onKeyDown}
        onChange={(event) => step({ type: 'changed', choice: event.target.value, byKey: byKey.current })}
        onBlur={() => step({ type: 'commit' })}
        // The picker wears the level's own Miradi colour, so a row of pickers reads like the published table.
        style={ratingStyle(shownLevel.notApplicable ? null : shownLevel.value)}
        // Read-only, a picker is its value as text: no border, no arrow, not dimmed (it must stay readable), plain when empty.
        // A level held back (not saved yet) wears a dashed outline and italics.
        className={`rounded border border-stone-400 px-1.5 py-1 text-sm text-stone-900 disabled:cursor-default disabled:appearance-none disabled:border-transparent disabled:opacity-100 ${stored === '' ? 'disabled:text-stone-600' : ''} ${unsaved ? 'italic outline-2 outline-offset-1 outline-dashed outline-amber-700' : ''} ${className}`}
      >
        <option value="" className={OPTION}>{emptyLabel}</option>
        {LEVELS.map((level) => <option key={level} value={level} className={OPTION}>{t(`rating.${level}`)}</option>)}
        {withNotApplicable && <option value={NOT_APPLICABLE} className={OPTION}>{t('rating.notApplicable')}</option>}
      </select>
      {unsaved && <span id={unsavedId} hidden>{[unsaved, description].filter(Boolean).join(' ')}</span>}
      {/* Said to eyes too, not only by the outline; screen readers hear the whole sentence from the description. */}
      {unsaved && <span aria-hidden className="block w-full text-xs italic text-amber-800">{t('picker.unsavedMark')}</span>}
      {dropped !== null && disabled && <span className="block w-full text-xs italic text-amber-800">{t('picker.notSaved', { level: choiceLabel(dropped, emptyLabel) })}</span>}
    </>
  );
}

function choiceLabel(choice: string, emptyLabel: string): string {
  const { value, notApplicable } = parseChoice(choice);
  return notApplicable ? t('rating.notApplicable') : value ? t(`rating.${value}`) : emptyLabel;
}
