/**
 * Wide tables on a phone (the comparison, Table 1, a team's list of threats): the
 * table scrolls sideways inside its own box, never the page, and the threat column
 * stays in view meanwhile, as in a team's matrix (MatrixGrid).
 */

/**
 * The box a wide table scrolls in. `relative` makes it the containing block of the
 * table's screen-reader-only text (absolutely positioned): without it that text is
 * laid out outside the box, where it widens the whole page.
 */
export const scrollBox = 'relative overflow-x-auto';

/**
 * A threat's row header (and the column's header and summary labels), pinned to the
 * left edge of the scrolling box. Give it an opaque background: the cells scroll under it.
 */
export const pinned = 'sticky left-0 z-10';
