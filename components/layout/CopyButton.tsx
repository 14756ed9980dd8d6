'use client';
import { useState, type RefObject } from 'react';
import { t, type MessageKey } from '../i18n/messages';

/**
 * Copies `text` to the clipboard and says so. A page served over plain HTTP on a workshop's local network has no
 * clipboard API: there it selects the text shown in `shown` and copies the selection the older way. Where that is
 * refused too, the text stays selected and the person is told to copy it from there (on a phone, by its own menu):
 * never a button that did nothing.
 */
export function CopyButton({ text, shown, label, done, byHand }: {
  text: string;
  shown: RefObject<HTMLElement | null>;
  label: MessageKey;
  done: MessageKey;
  byHand: MessageKey;
}) {
  const [said, setSaid] = useState<MessageKey | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid(done);
    } catch {
      if (shown.current) window.getSelection()?.selectAllChildren(shown.current);
      // Deprecated but the only copy there is without the clipboard API; false (or a throw) where it is refused.
      let copied = false;
      try {
        copied = document.execCommand('copy');
      } catch {
        copied = false;
      }
      setSaid(copied ? done : byHand);
    }
  };
  return (
    <span className="flex flex-wrap items-center gap-2">
      <button type="button" onClick={() => void copy()} className="rounded border border-stone-300 bg-white px-2 py-1 text-sm hover:bg-stone-100">
        {t(label)}
      </button>
      <span role="status" className="text-sm text-stone-700">{said && t(said)}</span>
    </span>
  );
}
