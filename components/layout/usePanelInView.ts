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
    const bringIntoView = () => {
      const panel = section.current;
      if (!panel) return;
      const top = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
      const { top: panelTop, bottom: panelBottom, height } = panel.getBoundingClientRect();
      if (panelTop >= top && panelBottom <= window.innerHeight) return;
      panel.scrollIntoView({ block: height > window.innerHeight - top ? 'start' : 'nearest' });
    };
    bringIntoView();
    // Opening the panel moves the person's own presence line in the pinned bar, which may grow a line taller just
    // after: look again once it has.
    const again = setTimeout(bringIntoView, 250);
    return () => clearTimeout(again);
  }, [subject, enabled]);
  return { section, heading };
}
