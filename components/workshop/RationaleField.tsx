'use client';
import { useEffect, useRef, useState } from 'react';
import { MAX_RATIONALE_LENGTH } from '@/server/collab/document';

const COMMIT_AFTER_MS = 1000;

/**
 * A rationale written into the shared document when the person pauses or leaves
 * the field, not on every keystroke; other people's changes show while it is not
 * being edited.
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
  const [dirty, setDirty] = useState(false);
  const latest = useRef({ draft, value, dirty, onCommit });
  latest.current = { draft, value, dirty, onCommit };

  useEffect(() => {
    if (!dirty) setDraft(value);
  }, [value, dirty]);

  const commit = () => {
    const { draft: text, value: saved, dirty: changed, onCommit: write } = latest.current;
    if (changed && text !== saved) write(text);
    setDirty(false);
  };

  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(commit, COMMIT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [draft, dirty]); // eslint-disable-line react-hooks/exhaustive-deps

  // Leaving the cell while typing still keeps what was typed.
  useEffect(() => () => {
    const { draft: text, value: saved, dirty: changed, onCommit: write } = latest.current;
    if (changed && text !== saved) write(text);
  }, []);

  const field = (
    <textarea
      aria-label={hideLabel ? label : undefined}
      value={draft}
      rows={rows}
      maxLength={MAX_RATIONALE_LENGTH}
      disabled={disabled}
      onChange={(event) => { setDraft(event.target.value); setDirty(true); }}
      onBlur={commit}
      className="w-full rounded border border-stone-300 bg-white px-2 py-1 text-sm disabled:bg-stone-100"
    />
  );
  if (hideLabel) return field;
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      {field}
    </label>
  );
}
