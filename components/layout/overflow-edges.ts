/** Which sides of a sideways-scrolling box have more content past them. */
export type OverflowEdges = 'none' | 'start' | 'end' | 'both';

/** Sub-pixel widths round differently from scroll positions: a pixel's difference is no overflow. */
const TOLERANCE_PX = 1;

export function overflowEdges({ scrollLeft, scrollWidth, clientWidth }: { scrollLeft: number; scrollWidth: number; clientWidth: number }): OverflowEdges {
  const before = scrollLeft > TOLERANCE_PX;
  const after = scrollLeft + clientWidth < scrollWidth - TOLERANCE_PX;
  if (before && after) return 'both';
  if (before) return 'start';
  return after ? 'end' : 'none';
}

const FADE = '2rem';

/**
 * A mask that fades the box out towards each side with more past it: the cut-off words show that the line goes on,
 * where a scroll bar would add height.
 */
export function overflowMask(edges: OverflowEdges): string | undefined {
  switch (edges) {
    case 'none': return undefined;
    case 'start': return `linear-gradient(to right, transparent, black ${FADE})`;
    case 'end': return `linear-gradient(to left, transparent, black ${FADE})`;
    case 'both': return `linear-gradient(to right, transparent, black ${FADE}, black calc(100% - ${FADE}), transparent)`;
  }
}
