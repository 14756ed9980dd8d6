'use client';
import { useEffect, type RefObject } from 'react';
import { PINNED_HEIGHT } from '../collab/usePinnedHeight';

/** The height of the table's column headers, for cells to scroll clear of the copy (`var(--table-header-height)`). */
export const HEADER_HEIGHT = '--table-header-height';

/**
 * Keeps a table's column headers in view while its rows pass under the window's pinned bar: far down a matrix,
 * people still see which target a cell rates.
 *
 * The table's own header cannot stick to the window: its box scrolls sideways (SideScrollBox), which makes the box
 * the only thing a sticky header may stick to. So a copy of the header row is drawn in `holder`, a strip pinned
 * below the bar (by CSS, outside the box), shown only while the real header is under the bar and rows remain below
 * it, with the real columns' measured widths and scrolled sideways with the box (its first column pinned as the
 * real one is). The copy is hidden from assistive technology and takes no focus: the real header stays the
 * table's, and screen readers name each cell's column from it.
 *
 * One header row is assumed (every table here has one): the copy's columns take the widths of its cells.
 */
export function useStickyHeader(box: RefObject<HTMLElement | null>, holder: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const scroller = box.current;
    const strip = holder.current;
    const table = scroller?.querySelector('table');
    const head = table?.tHead;
    if (!scroller || !strip || !table || !head) return;
    const copy = document.createElement('table');
    strip.replaceChildren(copy);

    const place = () => {
      const barBottom = Number.parseFloat(document.documentElement.style.getPropertyValue(PINNED_HEIGHT)) || 0;
      const { top, height } = head.getBoundingClientRect();
      const show = top < barBottom && table.getBoundingClientRect().bottom > barBottom + 2 * height;
      strip.hidden = !show;
      if (!show) return;
      strip.scrollLeft = scroller.scrollLeft;
      strip.toggleAttribute('data-scrolled', scroller.scrollLeft > 0);
    };
    const rebuild = () => {
      const cells = [...(head.rows[0]?.cells ?? [])];
      const columns = document.createElement('colgroup');
      for (const cell of cells) {
        const column = document.createElement('col');
        column.style.width = `${cell.getBoundingClientRect().width}px`;
        columns.append(column);
      }
      const header = head.cloneNode(true) as HTMLTableSectionElement;
      for (const element of header.querySelectorAll('[id]')) element.removeAttribute('id');
      copy.className = table.className;
      copy.style.tableLayout = 'fixed';
      copy.style.width = `${table.getBoundingClientRect().width}px`;
      copy.replaceChildren(columns, header);
      scroller.style.setProperty(HEADER_HEIGHT, `${Math.ceil(head.getBoundingClientRect().height)}px`);
      place();
    };

    let frame = 0;
    const placeSoon = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(place);
    };
    rebuild();
    const resized = new ResizeObserver(rebuild);
    resized.observe(table);
    resized.observe(head);
    // Names change while the page is open (a team renamed, a language switched): the copy follows.
    const changed = new MutationObserver(rebuild);
    changed.observe(head, { subtree: true, childList: true, characterData: true, attributes: true });
    window.addEventListener('scroll', placeSoon, { passive: true });
    window.addEventListener('resize', placeSoon);
    scroller.addEventListener('scroll', place, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      resized.disconnect();
      changed.disconnect();
      window.removeEventListener('scroll', placeSoon);
      window.removeEventListener('resize', placeSoon);
      scroller.removeEventListener('scroll', place);
      strip.replaceChildren();
    };
  }, [box, holder]);
}
