import type { CSSProperties } from 'react';
import { t } from '../i18n/messages';
import type { Person } from './presence';

/** Widths of the rings, from the cell's edge in: the first person's the widest, as one person's outline was. */
const RING_WIDTHS_PX = [3, 2, 2];

/**
 * A white line inside the rings sets them off from the cell's rating colour: some people's colours are close to Very
 * High's red or Low's green in brightness.
 */
const EDGE = { widthPx: 1, colour: '#ffffff' };

/** How far in from a cell's edge the rings reach: a focus outline drawn inside this stays in view beside them. */
export const RINGS_DEPTH_PX = RING_WIDTHS_PX.reduce((sum, width) => sum + width, 0) + EDGE.widthPx;

/**
 * On a cell with people on it: it holds the rings (`--presence-rings`) in a layer above the cell's content, which
 * clicks pass through. Above, not as the cell's own shadow: an opaque picker in the cell would hide them.
 */
export const PRESENCE_RINGS_CLASS = "relative after:pointer-events-none after:absolute after:inset-0 after:content-[''] after:[box-shadow:var(--presence-rings)]";

/**
 * How a cell shows the people on it: a ring of each one's colour inside its edge, the first on the outside (up to
 * three: a fourth would crowd a rating's label; everyone is named in the description and tooltip). Rings, not an
 * outline: a cell has one outline, and two people on one cell showed as one.
 */
export function presenceMarks(people: readonly Person[] | undefined): { className: string; style: CSSProperties; description?: string; title?: string } {
  if (!people || people.length === 0) return { className: '', style: {} };
  const names = t('presence.here', { names: people.map(({ user }) => (user.viewing ? t('presence.nameViewing', { name: user.name }) : user.name)).join(', ') });
  let depth = 0;
  const rings = people.slice(0, RING_WIDTHS_PX.length).map((person, i) => {
    depth += RING_WIDTHS_PX[i]!;
    return `inset 0 0 0 ${depth}px ${person.user.colour}`;
  });
  rings.push(`inset 0 0 0 ${depth + EDGE.widthPx}px ${EDGE.colour}`);
  return { className: PRESENCE_RINGS_CLASS, style: { '--presence-rings': rings.join(', ') } as CSSProperties, description: names, title: names };
}
