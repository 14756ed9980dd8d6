import * as Y from 'yjs';
import { ratesCells, type AssessmentMode, type TeamKind } from '../domain/method';
import { CELL_FIELDS, CELLS, readCell, readThreat, splitCellKey, splitFieldKey, THREAT_FIELDS, THREATS, type CellValues, type ThreatValues } from './document';

/**
 * What a Yjs transaction changed, in the relational terms the rest of Heilong uses
 * (current rating rows and the append-only history). Only known threats and
 * targets, and only the fields the method has, are derived; anything else in a
 * document is ignored.
 */
export interface RoomContext {
  programmeId: string;
  assessmentId: string;
  teamId: string;
  mode: AssessmentMode;
  teamKind: TeamKind;
  threatIds: ReadonlySet<string>;
  targetIds: ReadonlySet<string>;
}

/** Whose browser made each changed field, going by the Yjs client id that wrote it, where known. */
type Authors = Partial<Record<string, string>>;

export type DerivedChange =
  | { kind: 'cell'; threatId: string; targetId: string; values: CellValues; fields: (keyof CellValues)[]; authors: Authors }
  | { kind: 'threat'; threatId: string; values: ThreatValues; fields: (keyof ThreatValues)[]; authors: Authors };

export function deriveChanges(
  doc: Y.Doc,
  transaction: Y.Transaction,
  context: RoomContext,
  authorOf: (clientId: number) => string | undefined = () => undefined,
): DerivedChange[] {
  const root = doc.getMap(ratesCells(context) ? CELLS : THREATS);
  // The item now holding a field tells which client wrote it (Yjs keeps it in the map's internals).
  const items = (root as unknown as { _map: Map<string, { id: { client: number } }> })._map;
  const authors = (entry: string, fields: readonly string[]): Authors =>
    Object.fromEntries(fields.flatMap((field) => {
      const item = items.get(`${entry}:${field}`);
      const author = item && authorOf(item.id.client);
      return author ? [[field, author]] : [];
    }));
  const keys = transaction.changed.get(root as unknown as Y.AbstractType<Y.YEvent<Y.Map<unknown>>>);
  if (!keys) return [];
  const fieldsByEntry = new Map<string, Set<string>>();
  for (const key of keys) {
    const split = key && splitFieldKey(key);
    if (!split) continue;
    const fields = fieldsByEntry.get(split.entry) ?? new Set<string>();
    fields.add(split.field);
    fieldsByEntry.set(split.entry, fields);
  }

  const result: DerivedChange[] = [];
  for (const [entry, fields] of fieldsByEntry) {
    if (ratesCells(context)) {
      const ids = splitCellKey(entry);
      if (!ids || !context.threatIds.has(ids.threatId) || !context.targetIds.has(ids.targetId)) continue;
      const known = eventFields(CELL_FIELDS, fields);
      if (known.length) result.push({ kind: 'cell', ...ids, values: readCell(doc, ids.threatId, ids.targetId), fields: known, authors: authors(entry, known) });
    } else {
      if (!context.threatIds.has(entry)) continue;
      const known = eventFields(THREAT_FIELDS, fields);
      if (known.length) result.push({ kind: 'threat', threatId: entry, values: readThreat(doc, entry), fields: known, authors: authors(entry, known) });
    }
  }
  return result;
}

/** The rationale travels with every event, so it is an event of its own only when nothing else changed. */
function eventFields<F extends string>(known: readonly F[], changed: Set<string>): F[] {
  const fields = known.filter((f) => changed.has(f));
  return fields.some((f) => f !== 'rationale') ? fields.filter((f) => f !== 'rationale') : fields;
}
