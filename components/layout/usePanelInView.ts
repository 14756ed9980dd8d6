'use client';
import { useEffect, useRef } from 'react';

/**
 * A panel opened on demand (a threat's details or history) appears below the whole
 * table on narrow screens, out of sight: it is brought to the person, with keyboard
 * focus on its heading (give the heading `tabIndex={-1}`). The pinned room bar is the
 * window's scroll padding, so the panel stops below it; a panel taller than the room
 * left shows its top (heading and close button), not its end. Again whenever `subject` changes.
 */
export function usePanelInView<S extends HTMLElement, H extends HTMLElement>(subject: string, enabled = true) {
  const section = useRef<S>(null);
  const heading = useRef<H>(null);
  useEffect(() => {
    if (!enabled) return;
    heading.current?.focus({ preventScroll: true });
    const panel = section.current;
    if (!panel) return;
    const top = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
    const { top: panelTop, bottom: panelBottom, height } = panel.getBoundingClientRect();
    if (panelTop >= top && panelBottom <= window.innerHeight) return;
    panel.scrollIntoView({ block: height > window.innerHeight - top ? 'start' : 'nearest' });
  }, [subject, enabled]);
  return { section, heading };
}
