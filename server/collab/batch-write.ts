import { sql } from 'drizzle-orm';
import { RepeatedStatement } from '../../db/repeated';
import { replaceOnConflict, unnestedInsert } from '../../db/unnest';
import { cellRatings, collabClients, collabUpdates, ratingEvents, threatRatings } from '../../db/schema';
import type { PendingUpdate } from './persistence';

/**
 * What one batch of room updates writes to the database, as a single prepared statement: the updates, the client
 * ids first claimed in them and the rating rows and history events derived from them (`DocumentStore.write`).
 */

const CELL_KEY = ['assessmentId', 'teamId', 'threatId', 'targetId'] as const;
const CELL_VALUES = ['scope', 'severity', 'irreversibility', 'notApplicable', 'rationale', 'updatedBy', 'updatedAt'] as const;
const THREAT_KEY = ['assessmentId', 'teamId', 'threatId'] as const;
const THREAT_VALUES = ['rating', 'notApplicable', 'rationale', 'updatedBy', 'updatedAt'] as const;

/** The inserts a batch may make, in the order they run. */
const WRITES = {
  updates: unnestedInsert(collabUpdates, ['room', 'update', 'actorId', 'receivedAt'], { name: 'updates' }),
  claims: unnestedInsert(collabClients, ['room', 'clientId', 'userId'], { name: 'claims', tail: sql`on conflict do nothing` }),
  cells: unnestedInsert(cellRatings, [...CELL_KEY, ...CELL_VALUES], { name: 'cells', tail: replaceOnConflict(cellRatings, CELL_KEY, CELL_VALUES) }),
  threats: unnestedInsert(threatRatings, [...THREAT_KEY, ...THREAT_VALUES], { name: 'threats', tail: replaceOnConflict(threatRatings, THREAT_KEY, THREAT_VALUES) }),
  events: unnestedInsert(ratingEvents, ['assessmentId', 'teamId', 'threatId', 'targetId', 'field', 'value', 'kept', 'rationale', 'actorId', 'claimedAuthorId', 'at'], { name: 'events' }),
};
type Write = keyof typeof WRITES;
type RowsOf<W extends Write> = Parameters<(typeof WRITES)[W]['values']>[0];

/** One statement per combination of inserts, built and prepared the first time a batch needs it. */
const batchStatements = new Map<string, RepeatedStatement>();

function batchStatement(writes: Write[]): RepeatedStatement {
  const key = writes.join('+');
  let statement = batchStatements.get(key);
  if (!statement) {
    // Each insert but the last runs as a data-modifying WITH clause: one statement, atomic by itself.
    const inserts = writes.map((write) => WRITES[write].sql);
    const last = inserts.pop()!;
    const clauses = inserts.map((insert, i) => sql`${sql.identifier(`write_${i}`)} as (${insert})`);
    statement = new RepeatedStatement(`collab_batch:${key}`, clauses.length ? sql`with ${sql.join(clauses, sql`, `)} ${last}` : last);
    batchStatements.set(key, statement);
  }
  return statement;
}

/**
 * Everything a batch writes, as one statement and its values: its updates, the
 * client ids first claimed in it and, unless left out, the rating rows derived
 * from it. Rows go as arrays (`unnestedInsert`), so a busy batch costs little more.
 */
export function batchWrite(batch: PendingUpdate[], withDerived: boolean): { statement: RepeatedStatement; values: Record<string, unknown[]> } {
  const writes: Write[] = [];
  const values: Record<string, unknown[]> = {};
  const add = <W extends Write>(write: W, rows: RowsOf<W>) => {
    if (rows.length === 0) return;
    writes.push(write);
    Object.assign(values, (WRITES[write].values as (rows: RowsOf<W>) => Record<string, unknown[]>)(rows));
  };
  add('updates', batch);
  add('claims', batch.flatMap(({ room, claims }) => claims.map((claim) => ({ room, ...claim }))));
  if (withDerived) {
    const { cells, threats, events } = derivedRows(batch);
    add('cells', cells);
    add('threats', threats);
    add('events', events);
  }
  return { statement: batchStatement(writes), values };
}

/**
 * Current rating rows and history events for a whole batch: the last change to a
 * rating wins its row, and every change is an event (one that lost to a concurrent
 * change is an event marked so, and leaves the row as it is). The actor is always the
 * person whose connection sent the update; whose browser made a field, going by its
 * Yjs client id, is kept beside it where that is someone else.
 */
function derivedRows(batch: PendingUpdate[]) {
  const cells = new Map<string, typeof cellRatings.$inferInsert>();
  const threats = new Map<string, typeof threatRatings.$inferInsert>();
  const events: (typeof ratingEvents.$inferInsert)[] = [];
  for (const entry of batch) {
    const { assessmentId, teamId } = entry.context;
    for (const change of entry.changes) {
      const audit = { updatedBy: entry.actorId, updatedAt: entry.receivedAt };
      const targetId = change.kind === 'cell' ? change.targetId : null;
      // A change of which nothing holds leaves the row with whoever last changed it.
      const holds = change.changes.some(({ kept }) => kept);
      if (holds && change.kind === 'cell') {
        cells.set(`${assessmentId}/${teamId}/${change.threatId}/${targetId}`, { assessmentId, teamId, threatId: change.threatId, targetId: change.targetId, ...change.values, ...audit });
      } else if (holds && change.kind === 'threat') {
        threats.set(`${assessmentId}/${teamId}/${change.threatId}`, { assessmentId, teamId, threatId: change.threatId, ...change.values, ...audit });
      }
      for (const { field, value, author, kept } of change.changes) {
        events.push({
          assessmentId, teamId, threatId: change.threatId, targetId, field, kept,
          value: value === null ? null : String(value),
          rationale: change.values.rationale, actorId: entry.actorId, claimedAuthorId: author && author !== entry.actorId ? author : null, at: entry.receivedAt,
        });
      }
    }
  }
  return { cells: [...cells.values()], threats: [...threats.values()], events };
}
