import * as Y from 'yjs';

/**
 * Changes a document holds back until the ones they build on arrive (Yjs's pending structs and deletions): never
 * emitted as updates, so never stored, relayed or seen. Set aside and put back as a whole, since Yjs merges them
 * into one update.
 */
type StructStore = Y.Doc['store'];
export type Waiting = Pick<StructStore, 'pendingStructs' | 'pendingDs'>;

export const NOTHING_WAITING: Waiting = { pendingStructs: null, pendingDs: null };

export function waitingBytes({ store: { pendingStructs, pendingDs } }: Y.Doc): number {
  return (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
}

/** Yjs mutates the pending structs' `missing` map in place, so it is copied. */
export function waitingOf({ store: { pendingStructs, pendingDs } }: Y.Doc): Waiting {
  return { pendingStructs: pendingStructs && { missing: new Map(pendingStructs.missing), update: pendingStructs.update }, pendingDs };
}

export function putWaiting({ store }: Y.Doc, { pendingStructs, pendingDs }: Waiting): void {
  store.pendingStructs = pendingStructs;
  store.pendingDs = pendingDs;
}

/** The document's state without what waits (Yjs puts it in its encoding): what storage may hold. */
export function encodeWithoutWaiting(doc: Y.Doc): Uint8Array {
  const { pendingStructs, pendingDs } = doc.store;
  putWaiting(doc, NOTHING_WAITING);
  try {
    return Y.encodeStateAsUpdate(doc);
  } finally {
    putWaiting(doc, { pendingStructs, pendingDs });
  }
}
