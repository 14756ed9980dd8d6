'use client';
import { useEffect, useRef } from 'react';

/**
 * A panel opened on demand (a threat's details or history) appears below the whole
 * table on narrow screens, out of sight: it is brought to the person, with keyboard
 * focus on its heading (give the heading `tabIndex={-1}`). The pinned room bar is the
 * window's scroll padding, so the panel stops below it. Again whenever `subject` changes.
 */
export function usePanelInView<S extends HTMLElement, H extends HTMLElement>(subject: string, enabled = true) {
  const section = useRef<S>(null);
  const heading = useRef<H>(null);
  useEffect(() => {
    if (!enabled) return;
    heading.current?.focus({ preventScroll: true });
    section.current?.scrollIntoView({ block: 'nearest' });
  }, [subject, enabled]);
  return { section, heading };
}
