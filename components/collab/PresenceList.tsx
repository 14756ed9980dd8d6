'use client';
import { t } from '../i18n/messages';
import type { Person } from './presence';

/**
 * Where a person is, in words: their focus (null when they are on no cell), and on
 * pages with several rooms `person` says which room they are in.
 */
export type PlaceDescriber<P extends Person = Person> = (focus: string | null, person: P) => string | null;

/**
 * Who is online in this document, and where each person is: one line that scrolls sideways when it is full, so
 * that people joining, leaving or moving never change its height (its scroll bar is hidden, as it would add one).
 */
export function PresenceList<P extends Person>({ people, describe }: { people: readonly P[]; describe: PlaceDescriber<P> }) {
  return (
    <ul aria-label={t('presence.title')} className="flex gap-x-4 overflow-x-auto whitespace-nowrap [scrollbar-width:none]">
      {people.map((person) => {
        const place = describe(person.focus, person);
        return (
          <li key={person.user.id} className="flex shrink-0 items-center gap-1.5" data-user-id={person.user.id}>
            <span aria-hidden="true" className="inline-block h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: person.user.colour }} />
            <span className="font-medium">{person.user.name}</span>
            {/* Spaces in the text itself: the gap between the spans is only visual. */}
            {person.self && <span className="text-stone-600">{' '}{t('presence.you')}</span>}
            {place && <span className="text-stone-600">{' '}{t('presence.on', { place })}</span>}
          </li>
        );
      })}
    </ul>
  );
}
