'use client';
import { useEffect, useRef, type FocusEvent, type ReactNode } from 'react';
import { useOverflowEdges } from '../layout/useOverflowEdges';
import { useStickyHeader } from './useStickyHeader';

const PINNED_WIDTH = '--pinned-column-width';

/**
 * The box a wide table scrolls in sideways (its first column pinned: `pinned` in
 * table-layout.ts). `relative` makes it the containing block of the
 * table's screen-reader-only text (absolutely positioned): without it that text is
 * laid out outside the box, where it widens the whole page.
 *
 * A cell or picker that takes the focus is scrolled to beside the pinned column, not
 * under it: what is in the cells keeps a scroll margin of that column's width,
 * measured (threat names wrap differently on every screen), and is brought into view
 * with it, since the browser's own scrolling on focus leaves alone what is partly
 * visible. A margin on the cells' contents, not the box's scroll padding: with
 * padding, bringing a pinned threat name itself into view would scroll the box back
 * to its start. Likewise a margin of the column headers' height above them: a copy of
 * the headers stays below the window's pinned bar (useStickyHeader), and cells
 * should not be brought into view under it.
 *
 * While columns lie past its right edge, a shadow there says so: a phone shows no scroll bar until one scrolls, and a
 * column that ends at the edge looks like the last one.
 */
export function SideScrollBox({ children }: { children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  useStickyHeader(box, header);
  const edges = useOverflowEdges(box);
  useEffect(() => {
    const element = box.current;
    const column = element?.querySelector('tr > :first-child');
    if (!element || !column) return;
    const publish = () => element.style.setProperty(PINNED_WIDTH, `${Math.ceil(column.getBoundingClientRect().width)}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(column);
    return () => observer.disconnect();
  }, []);
  const bringIntoView = (event: FocusEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLElement && event.target.closest('td')) event.target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };
  return (
    <div className="relative">
      {/* No height of its own: it pins the copy of the headers below the bar, over the rows, within the table's extent.
          Not inert: a click on the copy should not go through to the cell under it. */}
      <div aria-hidden className="sticky top-[var(--room-bar-height,0px)] z-[15] h-0">
        <div ref={header} className="absolute inset-x-0 top-0 overflow-x-auto overflow-y-hidden [scrollbar-width:none]" />
      </div>
      <div
        ref={box}
        onFocus={bringIntoView}
        // Scrolled: the pinned column draws its own right border (`pinned`), which the table's border no longer is.
        onScroll={(event) => { event.currentTarget.toggleAttribute('data-scrolled', event.currentTarget.scrollLeft > 0); }}
        className="relative overflow-x-auto [&_td_*]:scroll-ml-[var(--pinned-column-width,0px)] [&_td_*]:scroll-mt-[calc(var(--table-header-height,0px)+0.5rem)]">
        {children}
      </div>
      {/* Over the copy of the headers (z-15), under the window's pinned bar (z-20). */}
      {(edges === 'end' || edges === 'both') && (
        <div aria-hidden data-more-columns className="pointer-events-none absolute inset-y-0 right-0 z-[16] w-3 bg-linear-to-l from-stone-900/25 to-transparent" />
      )}
    </div>
  );
}
