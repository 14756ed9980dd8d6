'use client';
import { readCell, readThreat, splitCellKey, type CellValues, type ThreatValues } from '@/server/collab/document';
import { t, type MessageKey } from '../i18n/messages';
import type { RoomConnection } from './room';

/** A threat or cell of the page's documents: its name, and where it comes in the table. */
export interface Places {
  name(entry: string): string | null;
  rank(entry: string): number;
  /** A team's name, where a page shows several teams' documents. */
  team?(teamId: string): string | null;
}

/** The threats and cells not saved in these rooms, in table order, each with its name (and team, if several). */
export function notSavedPlaces(rooms: readonly RoomConnection[], places: Places) {
  const entries = rooms.flatMap((room) => room.notSavedEntries().map((entry) => ({ room, entry })))
    .sort((a, b) => places.rank(a.entry) - places.rank(b.entry));
  const several = new Set(entries.map(({ room }) => room.ref.teamId)).size > 1;
  return entries.map(({ room, entry }) => {
    const name = places.name(entry) ?? entry;
    const team = several ? places.team?.(room.ref.teamId) : null;
    return { room, entry, label: team ? t('collab.unsaved.inTeam', { team, place: name }) : name };
  });
}

const LEVEL_FIELDS = [['rating', 'workshop.rating'], ['scope', 'editor.scope'], ['severity', 'editor.severity'], ['irreversibility', 'editor.irreversibility']] as const;

function levels(values: CellValues | ThreatValues): string {
  const parts = LEVEL_FIELDS.flatMap(([field, label]) => {
    const level = (values as unknown as Record<string, string | null | undefined>)[field];
    return level === undefined ? [] : [`${t(label as MessageKey)}: ${level ? t(`rating.${level}` as MessageKey) : t('editor.notSet')}`];
  });
  return [...parts, ...(values.notApplicable ? [t('editor.notApplicable')] : [])].join(' · ');
}

/**
 * What this device holds of the threats and cells the server did not save, in table order, with the values and
 * rationale as they are here: the page shows the ratings that count, and this is the one place left to read (and
 * copy) one's own, which are lost for good if the assessment is published.
 */
export function NotSavedDetails({ entries }: { entries: ReturnType<typeof notSavedPlaces> }) {
  if (entries.length === 0) return null;
  return (
    <details className="mt-1">
      <summary className="cursor-pointer">{t('collab.unsaved.show', { count: entries.length })}</summary>
      <ul aria-label={t('collab.unsaved.listLabel')} className="mt-1 flex flex-col gap-1">
        {entries.map(({ room, entry, label }) => {
          const cell = splitCellKey(entry);
          const values = cell ? readCell(room.doc, cell.threatId, cell.targetId) : readThreat(room.doc, entry);
          return (
            <li key={`${room.ref.teamId}/${entry}`} className="rounded bg-white/70 px-2 py-1">
              <span className="font-medium">{label}</span>: {levels(values)}
              {values.rationale && <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">{t('collab.unsaved.rationale', { rationale: values.rationale })}</p>}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
