/**
 * Wide tables on a phone (a team's matrix and list of threats, the comparison,
 * Table 1) scroll sideways inside their own box (SideScrollBox), never the page,
 * and their first column, the threats, stays in view meanwhile.
 *
 * Kept apart from the box: server components (Table 1) use this class too, and a
 * value imported from a client module is not a value on the server.
 */

/**
 * A threat's row header (and the column's header and summary labels), pinned to the
 * left edge of the scrolling box. Give it an opaque background: the cells scroll under it.
 * With collapsed borders its borders stay with the table, not the cell: a strip of its own
 * background covers the sliver of border at its left edge (cells scrolled under it showed
 * through), and, once the box is scrolled, an inset line is its right border.
 */
export const pinned = 'sticky left-0 z-10 in-data-scrolled:shadow-[inset_-1px_0_0_#d6d3d1] before:absolute before:inset-y-0 before:-left-px before:w-1 before:bg-inherit before:content-[""]';
