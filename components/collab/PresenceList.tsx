'use client';
import { useRef, type CSSProperties } from 'react';
import { t } from '../i18n/messages';
import { overflowMask } from '../layout/overflow-edges';
import { useOverflowEdges } from '../layout/useOverflowEdges';
import type { Person } from './presence';

/**
 * Where a person is, in words: their focus (null when they are on no cell), and on
 * pages with several rooms `person` says which room they are in.
 */
export type PlaceDescriber<P extends Person = Person> = (focus: string | null, person: P) => string | null;

/**
 * Who is online in this document, and where each person is: one line that scrolls sideways when it is full, so
 * that people joining, leaving or moving never change its height. Its scroll bar is hidden, as it would add one:
 * the line fades out towards a side with more past it instead, and it takes the focus to be scrolled by keyboard.
 */
export function PresenceList<P extends Person>({ people, describe }: { people: readonly P[]; describe: PlaceDescriber<P> }) {
  const list = useRef<HTMLUListElement>(null);
  const edges = useOverflowEdges(list);
  const mask = overflowMask(edges);
  return (
    <ul
      ref={list}
      aria-label={t('presence.title')}
      data-overflow={edges}
      tabIndex={edges === 'none' ? undefined : 0}
      // The mask would hide the focus outline too: it is dropped while the line has the keyboard's focus.
      style={mask ? ({ '--overflow-mask': mask } as CSSProperties) : undefined}
      className="flex gap-x-4 overflow-x-auto whitespace-nowrap rounded [mask-image:var(--overflow-mask,none)] [scrollbar-width:none] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:[mask-image:none]"
    >
      {people.map((person) => {
        const place = describe(person.focus, person);
        return (
          <li key={person.user.id} className="flex shrink-0 items-center gap-1.5" data-user-id={person.user.id}>
            <span aria-hidden="true" className="inline-block h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: person.user.colour }} />
            <span className="font-medium">{person.user.name}</span>
            {/* Spaces in the text itself: the gap between the spans is only visual. */}
            {person.self && <span className="text-stone-600">{' '}{t('presence.you')}</span>}
            {place && <span className="text-stone-600">{' '}{t(person.user.viewing ? 'presence.viewing' : 'presence.on', { place })}</span>}
          </li>
        );
      })}
    </ul>
  );
}
