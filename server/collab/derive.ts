import * as Y from 'yjs';
import { ratesCells, type AssessmentMode, type TeamKind } from '../domain/method';
import { CELL_FIELDS, CELLS, EMPTY_CELL, EMPTY_THREAT, isValidField, readCell, readThreat, splitCellKey, splitFieldKey, THREAT_FIELDS, THREATS, type CellValues, type ThreatValues } from './document';

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

type FieldValue = string | boolean | null;

/** One field a transaction set: a history event. */
export interface FieldChange<F extends string> {
  field: F;
  /** The value it set (the field's default where it cleared it). */
  value: FieldValue;
  /** Whose browser made it, going by the Yjs client id that wrote it, where known. */
  author?: string;
  /**
   * False when someone else set the same field at the same moment and theirs won (Yjs keeps one of two concurrent
   * values): the field never held this one for anybody else.
   */
  kept: boolean;
}

export type DerivedChange =
  | { kind: 'cell'; threatId: string; targetId: string; values: CellValues; changes: FieldChange<keyof CellValues>[] }
  | { kind: 'threat'; threatId: string; values: ThreatValues; changes: FieldChange<keyof ThreatValues>[] };

type MapItems = Map<string, Y.Item>;

const fieldOf = (values: object, field: string) => (values as Record<string, FieldValue>)[field] ?? null;

/** Whether the transaction created the item (rather than found it in the document). */
const madeIn = (transaction: Y.Transaction, item: Y.Item) => item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);

/** The last item the transaction created under each key of `root`, with its content intact (see `deriveChanges`). */
function itemsMadeIn(doc: Y.Doc, transaction: Y.Transaction, root: Y.Map<unknown>): MapItems {
  const made: MapItems = new Map();
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    const structs = doc.store.clients.get(client);
    if (!structs || after <= before) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      if (struct instanceof Y.Item && struct.parent === root && struct.parentSub !== null) made.set(struct.parentSub, struct);
    }
  }
  return made;
}

/**
 * Must run before Yjs collects the transaction's garbage (an `afterTransaction` listener, not an `update` one): a
 * value that lost to a concurrent one is deleted as it arrives, and its content is gone once collected.
 */
export function deriveChanges(
  doc: Y.Doc,
  transaction: Y.Transaction,
  context: RoomContext,
  authorOf: (clientId: number) => string | undefined = () => undefined,
): DerivedChange[] {
  const cells = ratesCells(context);
  const root = doc.getMap(cells ? CELLS : THREATS);
  const keys = transaction.changed.get(root as unknown as Y.AbstractType<Y.YEvent<Y.Map<unknown>>>);
  if (!keys) return [];
  // The item now holding a field tells which client wrote it (Yjs keeps it in the map's internals).
  const current = (root as unknown as { _map: MapItems })._map;
  const made = itemsMadeIn(doc, transaction, root);
  const empty = cells ? EMPTY_CELL : EMPTY_THREAT;

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
    const ids = cells ? splitCellKey(entry) : { threatId: entry, targetId: null };
    if (!ids || !context.threatIds.has(ids.threatId) || (ids.targetId !== null && !context.targetIds.has(ids.targetId))) continue;
    const values = cells ? readCell(doc, ids.threatId, ids.targetId!) : readThreat(doc, ids.threatId);
    const change = <F extends string>(field: F): FieldChange<F> => {
      const now = current.get(`${entry}:${field}`);
      if (now && madeIn(transaction, now)) return { field, value: fieldOf(values, field), author: authorOf(now.id.client), kept: true };
      const lost = made.get(`${entry}:${field}`);
      // Cleared (only a hand-made client deletes): deletions carry no client id, so there is no browser to name.
      if (!lost) return { field, value: fieldOf(values, field), kept: true };
      const content: unknown = lost.content instanceof Y.ContentAny ? lost.content.arr[0] : undefined;
      return { field, value: isValidField(field, content) ? (content as FieldValue) : fieldOf(empty, field), author: authorOf(lost.id.client), kept: false };
    };
    if (cells) {
      const changes = events(CELL_FIELDS.filter((f) => fields.has(f)).map(change));
      if (changes.length) result.push({ kind: 'cell', threatId: ids.threatId, targetId: ids.targetId!, values: values as CellValues, changes });
    } else {
      const changes = events(THREAT_FIELDS.filter((f) => fields.has(f)).map(change));
      if (changes.length) result.push({ kind: 'threat', threatId: ids.threatId, values: values as ThreatValues, changes });
    }
  }
  return result;
}

/**
 * The history events of one entry's changes. Every event carries the rationale as it stands, so a new rationale
 * set together with levels that all hold, by the same browser, is said by their events; it is an event of its own
 * when it changed alone, when it did not share their fate (it lost to a concurrent one, or it stands and they did
 * not), and when someone else wrote it (an update passed on by another browser, after a restart, holds everyone's).
 */
function events<F extends string>(changes: FieldChange<F>[]): FieldChange<F>[] {
  const rationale = changes.find(({ field }) => field === 'rationale');
  const levels = changes.filter((change) => change !== rationale);
  const saidByLevels = rationale && levels.length > 0 && rationale.kept
    && levels.every(({ kept, author }) => kept && author === rationale.author);
  return saidByLevels ? levels : changes;
}
