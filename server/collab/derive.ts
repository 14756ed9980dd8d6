import * as Y from 'yjs';
import { CELL_FIELDS, CELLS, EMPTY_CELL, EMPTY_THREAT, readCell, readThreat, splitCellKey, THREAT_FIELDS, THREATS, type CellValues, type ThreatValues } from './document';

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
  mode: 'rapid' | 'detailed';
  teamKind: 'country' | 'ecoregional';
  threatIds: ReadonlySet<string>;
  targetIds: ReadonlySet<string>;
}

export type DerivedChange =
  | { kind: 'cell'; threatId: string; targetId: string; values: CellValues; fields: (keyof CellValues)[] }
  | { kind: 'threat'; threatId: string; values: ThreatValues; fields: (keyof ThreatValues)[] };

/** Cells are the method for country teams in detailed assessments; otherwise threats are rated whole. */
export const ratesCells = (context: RoomContext) => context.mode === 'detailed' && context.teamKind === 'country';

export function deriveChanges(doc: Y.Doc, transaction: Y.Transaction, context: RoomContext): DerivedChange[] {
  const cells = doc.getMap(CELLS);
  const threats = doc.getMap(THREATS);
  const changed = new Map<string, Set<string>>();
  const created = new Set<string>();
  const mark = (root: 'cell' | 'threat', key: string, fields: Iterable<string>, isNew = false) => {
    const id = `${root}|${key}`;
    if (isNew) created.add(id);
    const set = changed.get(id) ?? new Set<string>();
    for (const f of fields) set.add(f);
    changed.set(id, set);
  };
  for (const [changedType, keys] of transaction.changed) {
    const type = changedType as Y.AbstractType<unknown>;
    const parentSub = type._item?.parentSub;
    // A cell or threat map set as a whole: all its fields are new.
    if (type === (cells as Y.AbstractType<unknown>)) for (const key of keys) if (key) mark('cell', key, CELL_FIELDS, true);
    if (type === (threats as Y.AbstractType<unknown>)) for (const key of keys) if (key) mark('threat', key, THREAT_FIELDS, true);
    // A field inside an existing cell or threat map.
    if (parentSub && type.parent === cells) mark('cell', parentSub, [...keys].filter((k): k is string => k !== null));
    if (parentSub && type.parent === threats) mark('threat', parentSub, [...keys].filter((k): k is string => k !== null));
  }

  const result: DerivedChange[] = [];
  /**
   * Fields worth an event: a new entry's defaults are not news, and the rationale
   * travels with every event, so it is an event of its own only when nothing else changed.
   */
  const eventFields = <T extends object>(fields: readonly (keyof T & string)[], changedFields: Set<string>, values: T, empty: T, isNew: boolean) => {
    const known = fields.filter((f) => changedFields.has(f) && !(isNew && values[f] === empty[f]));
    return known.some((f) => f !== 'rationale') ? known.filter((f) => f !== 'rationale') : known;
  };
  for (const [id, fields] of changed) {
    const [root, key] = id.split('|') as ['cell' | 'threat', string];
    if (root === 'cell') {
      const ids = splitCellKey(key);
      if (!ratesCells(context) || !ids || !context.threatIds.has(ids.threatId) || !context.targetIds.has(ids.targetId)) continue;
      const values = readCell(doc, ids.threatId, ids.targetId);
      const known = eventFields(CELL_FIELDS, fields, values, EMPTY_CELL, created.has(id));
      if (known.length) result.push({ kind: 'cell', ...ids, values, fields: known });
    } else {
      if (ratesCells(context) || !context.threatIds.has(key)) continue;
      const values = readThreat(doc, key);
      const known = eventFields(THREAT_FIELDS, fields, values, EMPTY_THREAT, created.has(id));
      if (known.length) result.push({ kind: 'threat', threatId: key, values, fields: known });
    }
  }
  return result;
}
