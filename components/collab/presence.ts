import type { PresenceState } from '@/server/collab/protocol';

/** Colours that stay readable as rings on every Miradi rating colour, and that no two people would mistake. */
const PALETTE = ['#1d4ed8', '#c2410c', '#7c3aed', '#0f766e', '#db2777', '#78350f', '#4d7c0f', '#64748b', '#111827', '#a21caf'];

/**
 * The focus of someone on the assessment's comparison page with no threat's details open: they are present in
 * the agreed column's room, and its own page should not count them as there.
 */
export const COMPARISON_PAGE_FOCUS = 'comparison';

function paletteIndex(userId: string): number {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % PALETTE.length;
}

/** A stable colour per person (on a page with others, see `withDistinctColours`). */
export function userColour(userId: string): string {
  return PALETTE[paletteIndex(userId)]!;
}

/**
 * The people on a page, each in a colour of their own while the palette lasts (cells are marked by colour): in
 * order of id, each keeps their stable colour unless someone before them has it, and then takes the next free one.
 * Everyone looking at the same people sees the same colours.
 */
export function withDistinctColours<P extends Person>(people: readonly P[]): P[] {
  const taken = new Set<number>();
  const colours = new Map<string, string>();
  for (const id of [...new Set(people.map((person) => person.user.id))].sort()) {
    const preferred = paletteIndex(id);
    const free = PALETTE.map((_, step) => (preferred + step) % PALETTE.length).find((index) => !taken.has(index));
    taken.add(free ?? preferred);
    colours.set(id, PALETTE[free ?? preferred]!);
  }
  return people.map((person) => ({ ...person, user: { ...person.user, colour: colours.get(person.user.id)! } }));
}

/** How a page lists people: you first, then by name, each in their colour on the page. */
function listed<P extends Person>(people: P[]): P[] {
  return withDistinctColours(people.sort((a, b) => Number(b.self) - Number(a.self) || a.user.name.localeCompare(b.user.name)));
}

export interface Person {
  clientId: number;
  user: PresenceState['user'];
  focus: string | null;
  self: boolean;
}

function asPresence(state: unknown): PresenceState | null {
  if (typeof state !== 'object' || state === null) return null;
  const { user, focus } = state as Partial<PresenceState>;
  if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') return null;
  const colour = typeof user.colour === 'string' && /^#[0-9a-f]{3,8}$/i.test(user.colour) ? user.colour : userColour(user.id);
  return { user: { id: user.id, name: user.name, colour, viewing: user.viewing === true }, focus: typeof focus === 'string' ? focus : null };
}

/**
 * Who is in a room, one entry per person (someone with two tabs open is listed
 * once, at the place they moved to last): you first, then by name.
 */
export function peopleOnline(states: ReadonlyMap<number, unknown>, selfClientId: number): Person[] {
  const byUser = new Map<string, Person>();
  for (const [clientId, raw] of states) {
    const state = asPresence(raw);
    if (!state) continue;
    const person: Person = { clientId, user: state.user, focus: state.focus, self: clientId === selfClientId };
    const known = byUser.get(state.user.id);
    if (!known || person.self || (!known.self && known.focus === null)) byUser.set(state.user.id, person);
  }
  return listed([...byUser.values()]);
}

/** A person in one of the page's documents: `room` names the one their focus belongs to. */
export interface PersonInRoom extends Person {
  room: string;
}

/**
 * Everyone in several rooms (a page that reads several documents), once each: at
 * their place in the first room, in the order given, where they have one — the
 * page's own room first — else in the first room that has them; you first, then by name.
 */
export function peopleAcross(rooms: ReadonlyArray<{ room: string; people: readonly Person[] }>): PersonInRoom[] {
  const byUser = new Map<string, PersonInRoom>();
  for (const { room, people } of rooms) {
    for (const person of people) {
      const known = byUser.get(person.user.id);
      if (known && (known.focus !== null || person.focus === null)) {
        known.self ||= person.self;
        continue;
      }
      byUser.set(person.user.id, { ...person, room, self: person.self || (known?.self ?? false) });
    }
  }
  return listed([...byUser.values()]);
}

/** Where other people are: focus key → the people on it (not you). */
export function focusMap(people: readonly Person[]): Map<string, Person[]> {
  const map = new Map<string, Person[]>();
  for (const person of people) {
    if (person.self || person.focus === null) continue;
    map.set(person.focus, [...(map.get(person.focus) ?? []), person]);
  }
  return map;
}
