import * as Y from 'yjs';
import { ratesCells } from '../domain/method';
import { CELL_FIELDS, CELLS, isValidField, splitCellKey, splitFieldKey, THREAT_FIELDS, THREATS } from './document';
import type { RoomContext } from './derive';

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Whether a writer's update keeps the room's document in its shape (see document.ts): single valid values under
 * the keys of this room's threats (and targets), in its one root map, nothing else. Without this a writer could
 * park anything in the document, which every newcomer loads and storage keeps; readers would only ignore it.
 *
 * An entry changed again carries no key of its own (Yjs leaves it to the entry it follows): its key is looked up in
 * the update or the document. If that is not there yet, the update waits in the document until it is (a second tab
 * may send what the first made offline, out of order); its value is still checked against every field.
 *
 * Returns why the update does not fit, or null.
 */
export function shapeProblem(doc: Y.Doc, { structs }: DecodedUpdate, context: RoomContext): string | null {
  const cells = ratesCells(context);
  const root = cells ? CELLS : THREATS;
  const fields: readonly string[] = cells ? CELL_FIELDS : THREAT_FIELDS;
  const knownKey = (key: string | null): key is string => {
    const split = key === null ? null : splitFieldKey(key);
    if (!split || !fields.includes(split.field)) return false;
    if (!cells) return context.threatIds.has(split.entry);
    const ids = splitCellKey(split.entry);
    return ids !== null && context.threatIds.has(ids.threatId) && context.targetIds.has(ids.targetId);
  };
  const keysHere = new Map<number, { clock: number; length: number; key: string }[]>();
  const keyOf = (id: Y.ID): string | null => {
    const here = keysHere.get(id.client)?.find((run) => id.clock >= run.clock && id.clock < run.clock + run.length);
    if (here) return here.key;
    if (id.clock >= Y.getState(doc.store, id.client)) return null;
    const item = Y.getItem(doc.store, id);
    return item instanceof Y.Item ? item.parentSub : null;
  };

  for (const struct of structs) {
    // Garbage-collected and skipped ranges carry no content.
    if (!(struct instanceof Y.Item)) continue;
    const { content } = struct;
    const single = content instanceof Y.ContentAny && content.arr.length === 1;
    if (!single && !(content instanceof Y.ContentDeleted)) return 'only single values belong in a ratings document';
    const value: unknown = single ? (content as Y.ContentAny).arr[0] : undefined;

    let key: string | null;
    if (typeof struct.parent === 'string') {
      if (struct.parent !== root) return 'no such part of this document';
      if (!knownKey(struct.parentSub)) return 'no such rating in this room';
      key = struct.parentSub;
    } else if (struct.parent !== null) {
      return 'nested content does not belong in a ratings document';
    } else {
      const anchor = struct.origin ?? struct.rightOrigin;
      key = anchor ? keyOf(anchor) : null;
    }

    if (single) {
      const field = key === null ? null : splitFieldKey(key)?.field;
      const valid = field ? isValidField(field, value) : fields.some((f) => isValidField(f, value));
      if (!valid) return `not a valid value${field ? ` for ${field}` : ''}`;
    }
    if (key !== null) {
      const runs = keysHere.get(struct.id.client) ?? [];
      runs.push({ clock: struct.id.clock, length: struct.length, key });
      keysHere.set(struct.id.client, runs);
    }
  }
  return null;
}
