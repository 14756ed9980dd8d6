'use client';
import { useEffect, type RefObject } from 'react';
import { PINNED_HEIGHT } from '../collab/usePinnedHeight';

/** The height of the table's column headers, for cells to scroll clear of the copy (`var(--table-header-height)`). */
export const HEADER_HEIGHT = '--table-header-height';

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';

/**
 * Keeps a table's column headers in view while its rows pass under the window's pinned bar: far down a matrix,
 * people still see which target a cell rates.
 *
 * The table's own header cannot stick to the window: its box scrolls sideways (SideScrollBox), which makes the box
 * the only thing a sticky header may stick to. So a copy of the header row is drawn in `holder`, a strip pinned
 * below the bar (by CSS, outside the box), while the real header is under the bar and rows remain below it: made
 * when shown, with the real columns' widths as they are then, followed as they change, and scrolled sideways with
 * the box (its first column pinned as the real one is), and the box with it: a swipe or a sideways wheel on the
 * copy scrolls the table. Hidden, the copy is gone from the page, so the header's
 * words are never there twice. It is hidden from assistive technology and takes no focus: the real header stays
 * the table's, and screen readers name each cell's column from it.
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
    strip.hidden = true;
    const headerCells = () => [...(head.rows[0]?.cells ?? [])];

    const build = () => {
      const columns = document.createElement('colgroup');
      for (const cell of headerCells()) {
        const column = document.createElement('col');
        column.style.width = `${cell.getBoundingClientRect().width}px`;
        columns.append(column);
      }
      const header = head.cloneNode(true) as HTMLTableSectionElement;
      for (const element of header.querySelectorAll('[id]')) element.removeAttribute('id');
      for (const element of header.querySelectorAll<HTMLElement>(FOCUSABLE)) element.tabIndex = -1;
      const copy = document.createElement('table');
      copy.className = table.className;
      copy.style.tableLayout = 'fixed';
      copy.style.width = `${table.getBoundingClientRect().width}px`;
      copy.append(columns, header);
      strip.replaceChildren(copy);
    };
    const place = () => {
      const barBottom = Number.parseFloat(document.documentElement.style.getPropertyValue(PINNED_HEIGHT)) || 0;
      const { top, height } = head.getBoundingClientRect();
      const show = top < barBottom && table.getBoundingClientRect().bottom > barBottom + 2 * height;
      if (!show) {
        strip.hidden = true;
        strip.replaceChildren();
        return;
      }
      if (!strip.firstChild) build();
      strip.hidden = false;
      strip.scrollLeft = scroller.scrollLeft;
      strip.toggleAttribute('data-scrolled', scroller.scrollLeft > 0);
    };

    // A column's width changes when its header cell's does: the body's content shares out a full-width table's
    // width again (values arriving, a long name) without the table or its header changing size.
    const resized = new ResizeObserver(() => {
      scroller.style.setProperty(HEADER_HEIGHT, `${Math.ceil(head.getBoundingClientRect().height)}px`);
      strip.replaceChildren();
      place();
    });
    const watchSizes = () => {
      resized.disconnect();
      for (const element of [table, head, ...headerCells()]) resized.observe(element);
    };
    watchSizes();
    // Names change while the page is open (a column added, a team renamed): the copy follows.
    const renamed = new MutationObserver(() => {
      watchSizes();
      strip.replaceChildren();
      place();
    });
    renamed.observe(head, { subtree: true, childList: true, characterData: true, attributes: true });
    // The bar's height (people, notices) moves where the header passes under it.
    const barChanged = new MutationObserver(place);
    barChanged.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
    const scrollTable = () => {
      if (!strip.hidden) scroller.scrollLeft = strip.scrollLeft;
    };
    window.addEventListener('scroll', place, { passive: true });
    window.addEventListener('resize', place);
    scroller.addEventListener('scroll', place, { passive: true });
    strip.addEventListener('scroll', scrollTable, { passive: true });
    return () => {
      resized.disconnect();
      renamed.disconnect();
      barChanged.disconnect();
      window.removeEventListener('scroll', place);
      window.removeEventListener('resize', place);
      scroller.removeEventListener('scroll', place);
      strip.removeEventListener('scroll', scrollTable);
      strip.replaceChildren();
    };
  }, [box, holder]);
}
