import type { ReactNode } from 'react';

/**
 * The caption of a table that scrolls sideways in a SideScrollBox. The caption is as wide as the table, so its words
 * are pinned to the box's left edge on their own: scrolled to the last columns on a phone, the table still says what
 * it is.
 */
export function TableCaption({ children }: { children: ReactNode }) {
  return (
    <caption className="mb-2 text-left font-semibold">
      {/* No wider than the window, or a long caption would run off a phone's edge within the wide table. */}
      <span className="sticky left-0 inline-block max-w-[calc(100vw-2rem)]">{children}</span>
    </caption>
  );
}
