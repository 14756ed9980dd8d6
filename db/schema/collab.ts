import { bigint, bigserial, customType, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  // node-postgres returns Buffer (a Uint8Array subclass); PGlite returns Uint8Array.
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * Every Yjs update a room received, in arrival order, with who sent it. Appended in
 * short batches; folded into `collab_snapshots` by compaction.
 */
export const collabUpdates = pgTable(
  'collab_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    room: text('room').notNull(),
    update: bytea('update').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('collab_updates_room').on(t.room, t.id)],
);

/** A room's merged state up to and including update `upToId`. */
export const collabSnapshots = pgTable('collab_snapshots', {
  room: text('room').primaryKey(),
  state: bytea('state').notNull(),
  upToId: bigint('up_to_id', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
