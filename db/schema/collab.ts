import { bigint, bigserial, customType, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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

/**
 * Which person a Yjs client id belongs to in a room. Every change is attributed to
 * the owner of the client that made it, even when another client relays it (as
 * clients do when they resync after a server restart).
 */
export const collabClients = pgTable(
  'collab_clients',
  {
    room: text('room').notNull(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    userId: uuid('user_id').notNull().references(() => users.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.room, t.clientId] })],
);
