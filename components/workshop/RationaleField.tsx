'use client';
import { useEffect, useId, useRef, useState, type FocusEvent } from 'react';
import { MAX_RATIONALE_LENGTH } from '@/server/collab/document';
import { t } from '../i18n/messages';
import { rationaleShown, rationaleToSave } from './rationale-draft';

const COMMIT_AFTER_MS = 1000;
/** Characters left under which the field says how many. */
const LENGTH_SHOWN_BELOW = 200;

/**
 * A rationale written into the shared document when the person pauses or leaves
 * the field, not on every keystroke. Other people's changes show while it is not
 * being edited; while it is, they are offered beside the person's own words, and
 * saving on a pause waits until the person has chosen. Leaving the text box saves
 * theirs — also for the offer's own button, the next Tab stop, which then offers to
 * put the other text back: Tab followed by Enter must not throw the person's words away.
 *
 * Text that can no longer be saved (the assessment closed while the person wrote)
 * stays on screen, read-only and marked as not saved, so it can be copied; if the
 * page takes changes again, it is saved after the usual pause.
 */
export function RationaleField({ label, value, onCommit, disabled, rows = 3, hideLabel = false }: {
  label: string;
  value: string;
  onCommit: (text: string) => void;
  disabled: boolean;
  rows?: number;
  hideLabel?: boolean;
}) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [dirty, setDirty] = useState(false);
  const [focused, setFocused] = useState(false);
  /** The other person's text this person's replaced on leaving the box while it was offered (offered back until they go). */
  const [replaced, setReplaced] = useState<string | null>(null);
  /** How many characters of a paste did not fit. */
  const [cut, setCut] = useState(0);
  const { text, theirs } = rationaleShown({ stored: value, draft, seen, editing: focused || dirty });
  const noticeId = useId();
  const lengthNoteId = useId();
  const latest = useRef({ draft, value, dirty, disabled, onCommit });
  latest.current = { draft, value, dirty, disabled, onCommit };
  const unsaved = disabled && dirty && rationaleToSave(draft) !== value;

  const commit = () => {
    const { draft: typed, value: saved, dirty: changed, disabled: refused, onCommit: write } = latest.current;
    if (!changed) return;
    const text = rationaleToSave(typed);
    if (text !== saved) {
      if (refused) return; // kept, and shown as not saved
      write(text);
    }
    // Leaving the box and then the field commit in one event: the second has nothing to do.
    latest.current.dirty = false;
    setSeen(text);
    setDirty(false);
  };

  useEffect(() => {
    if (!dirty || disabled || theirs !== null) return;
    const timer = setTimeout(commit, COMMIT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [draft, dirty, disabled, theirs]); // eslint-disable-line react-hooks/exhaustive-deps

  // Leaving the cell while typing still keeps what was typed.
  useEffect(() => () => {
    const { draft: typed, value: saved, dirty: changed, disabled: refused, onCommit: write } = latest.current;
    const text = rationaleToSave(typed);
    if (changed && !refused && text !== saved) write(text);
  }, []);

  const textarea = useRef<HTMLTextAreaElement>(null);
  // The field and the notice beside it are one place: moving between them is still editing.
  const startEditing = () => {
    if (focused) return;
    setFocused(true);
    if (dirty) return;
    setDraft(value);
    setSeen(value);
  };
  const stopEditing = (event: FocusEvent<HTMLElement>) => {
    if (event.currentTarget.contains(event.relatedTarget)) return;
    commit();
    setFocused(false);
    setReplaced(null);
  };
  const leaveBox = () => {
    if (theirs !== null && !disabled && dirty && rationaleToSave(draft) !== value) setReplaced(theirs);
    commit();
  };
  const takeTheirs = () => {
    if (theirs === null && replaced !== null) {
      // Theirs was replaced by this person's own (and nobody saved since): it goes back.
      latest.current.onCommit(replaced);
      setDraft(replaced);
      setSeen(replaced);
      setReplaced(null);
    } else {
      setDraft(value);
      setSeen(value);
    }
    setDirty(false);
    textarea.current?.focus();
  };

  // Near the limit, the room left; at it, that it is reached, and how much of a paste did not fit.
  const left = MAX_RATIONALE_LENGTH - text.length;
  const lengthNote = !disabled && left <= LENGTH_SHOWN_BELOW && (
    left <= 0 && cut > 0 ? (
      <p id={lengthNoteId} role="alert" className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">
        {t('rationale.pasteCut', { cut, maximum: MAX_RATIONALE_LENGTH })}
      </p>
    ) : (
      <p id={lengthNoteId} className="text-xs text-stone-600">
        {left > 0 ? t('rationale.charactersLeft', { left }) : t('rationale.atLimit', { maximum: MAX_RATIONALE_LENGTH })}
      </p>
    )
  );
  // Nothing to take once the page takes no changes.
  const offered = disabled ? null : theirs ?? replaced;
  const offerText = theirs !== null
    ? (theirs === '' ? t('rationale.theirsCleared') : t('rationale.theirs', { text: theirs }))
    : (replaced === '' ? t('rationale.replacedCleared') : t('rationale.replacedTheirs', { text: replaced ?? '' }));
  const field = (
    <textarea
      ref={textarea}
      aria-label={hideLabel ? label : undefined}
      aria-describedby={[(offered !== null || unsaved) && noticeId, lengthNote && lengthNoteId].filter(Boolean).join(' ') || undefined}
      value={text}
      rows={rows}
      maxLength={MAX_RATIONALE_LENGTH}
      // Unsaved text stays selectable, to be copied.
      disabled={disabled && !unsaved}
      readOnly={unsaved}
      onChange={(event) => { setDraft(event.target.value); setDirty(true); if (event.target.value.length < MAX_RATIONALE_LENGTH) setCut(0); }}
      onPaste={(event) => {
        const box = event.currentTarget;
        const room = MAX_RATIONALE_LENGTH - box.value.length + (box.selectionEnd - box.selectionStart);
        // Counted as the box counts it: a line break is one character, also one pasted from Windows (CR LF).
        setCut(Math.max(0, event.clipboardData.getData('text').replace(/\r\n?/g, '\n').length - room));
      }}
      onBlur={leaveBox}
      className={`w-full rounded border bg-white px-2 py-1 text-sm disabled:bg-stone-100 ${unsaved ? 'border-dashed border-amber-700 italic' : 'border-stone-300'}`}
    />
  );
  const notice = unsaved ? (
    <p id={noticeId} role="alert" className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">{t('rationale.notSaved')}</p>
  ) : offered !== null && (
    // One element for both offers, so the button keeps the focus when leaving the box saves and the offer turns.
    <div id={noticeId} role="status" className="flex flex-col items-start gap-1 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">
      <p className="[overflow-wrap:anywhere]">{offerText}</p>
      {/* Browsers that do not focus a clicked button would leave the field first, saving the person's text over theirs. */}
      <button type="button" onMouseDown={(event) => event.preventDefault()} onClick={takeTheirs} className="underline">
        {t('rationale.useTheirs')}
      </button>
    </div>
  );
  const editingEvents = { onFocus: startEditing, onBlur: stopEditing };
  if (hideLabel) return <div {...editingEvents} className="flex flex-col gap-1">{field}{lengthNote}{notice}</div>;
  return (
    <div {...editingEvents} className="flex flex-col gap-1 text-sm">
      <label className="flex flex-col gap-1">
        <span className="font-medium">{label}</span>
        {field}
      </label>
      {lengthNote}
      {notice}
    </div>
  );
}
