'use client';
import { useId, useLayoutEffect, useRef, type Ref } from 'react';
import type { CellValues } from '@/server/collab/document';
import { cellRating } from '@/server/domain/rating';
import { ratingLabel } from '../assessment/RatingCell';
import { t } from '../i18n/messages';
import { ratingStyle } from './colours';
import { CRITERIA } from './RatingGuide';
import { RatingSelect } from './RatingSelect';
import { RationaleField } from './RationaleField';
import { SMALL_BUTTON } from '../layout/buttons';

/**
 * Where the focus goes when the editor is opened from the keyboard: its first picker (Scope), or, on a cell not
 * applicable, the box that says so (pickers disabled cannot take the focus); read-only, its one control, Close.
 */
export function focusIntoEditor(editor: HTMLElement | null) {
  (editor?.querySelector<HTMLElement>('select:enabled, input[type="checkbox"]:enabled') ?? editor?.querySelector<HTMLElement>('[data-editor-close]'))?.focus();
}

/**
 * Scope, Severity and Irreversibility of one cell, N/A and the rationale; changes go straight into the shared
 * document. Not applicable sets the levels aside: still shown, kept for when it is unticked, but not editable, as
 * they do not count meanwhile. Escape closes it, and the cell's history beside it, where both are held
 * (MatrixWorkspace).
 */
export function CellEditor({ title, values, readOnly, onChange, onClose, ref }: {
  title: string;
  values: CellValues;
  readOnly: boolean;
  onChange: (patch: Partial<CellValues>) => void;
  onClose: () => void;
  ref?: Ref<HTMLElement>;
}) {
  const rating = cellRating(values);
  const ids = useId();
  const setAsideId = `${ids}-set-aside`;
  const notApplicableBox = useRef<HTMLInputElement>(null);
  const inPicker = useRef(false);
  // Someone else set the cell not applicable while this person was on a picker: the picker, disabled, dropped the
  // focus (to the page, where Escape no longer closes the editor). It goes to the box that now says why.
  useLayoutEffect(() => {
    const active = document.activeElement;
    const dropped = active === null || active === document.body || (active instanceof HTMLSelectElement && active.disabled);
    if (values.notApplicable && !readOnly && inPicker.current && dropped) notApplicableBox.current?.focus();
  }, [values.notApplicable, readOnly]);
  return (
    <section ref={ref} aria-label={t('editor.region')} className="flex flex-col gap-3 rounded border border-stone-300 bg-white p-3">
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-semibold">{title}</h2>
        <button type="button" data-editor-close onClick={onClose} className={SMALL_BUTTON}>
          {t('editor.close')}
        </button>
      </div>
      {CRITERIA.map((criterion) => {
        const level = values[criterion];
        // The chosen level's meaning (or the criterion's, until one is chosen), under its picker.
        const meaning = t(level ? `criterion.${criterion}.${level}` : `criterion.${criterion}.about`);
        const meaningId = `${ids}-${criterion}`;
        return (
          // Dimmed while set aside: the levels then are not what the cell's rating says.
          <div
            key={criterion}
            className={`flex flex-col gap-0.5 ${values.notApplicable ? 'opacity-50' : ''}`}
            onFocus={() => { inPicker.current = true; }}
            onBlur={(event) => { if (event.relatedTarget) inPicker.current = false; }}
          >
            <label className="flex flex-wrap items-center justify-between gap-x-2 text-sm">
              <span className="font-medium">{t(`editor.${criterion}`)}</span>
              <RatingSelect
                label={t(`editor.${criterion}`)}
                value={level}
                emptyLabel={t('editor.notSet')}
                disabled={readOnly || values.notApplicable}
                onChange={(value) => onChange({ [criterion]: value })}
                describedBy={meaningId}
                className="w-36"
              />
            </label>
            <p id={meaningId} className="text-xs text-stone-600">{meaning}</p>
          </div>
        );
      })}
      <label className="flex items-center gap-2 text-sm">
        <input
          ref={notApplicableBox}
          type="checkbox"
          checked={values.notApplicable}
          disabled={readOnly}
          onChange={(event) => onChange({ notApplicable: event.target.checked })}
          aria-describedby={values.notApplicable ? setAsideId : undefined}
        />
        <span className="font-medium">{t('editor.notApplicable')}</span>
      </label>
      {values.notApplicable && <p id={setAsideId} className="-mt-2 text-xs text-stone-600">{t('editor.criteriaSetAside')}</p>}
      <p className="flex items-center justify-between gap-2 text-sm">
        <span className="font-medium">{t('editor.cellRating')}</span>
        <output aria-label={t('editor.cellRating')} className="w-36 rounded border border-stone-300 px-2 py-1 text-center" style={ratingStyle(rating)}>
          {ratingLabel(rating, values.notApplicable)}
        </output>
      </p>
      <RationaleField label={t('editor.rationale')} value={values.rationale} disabled={readOnly} onCommit={(rationale) => onChange({ rationale })} />
    </section>
  );
}
