import { boolean, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { programmes, teams } from './programme';

export const USER_EMAIL_UNIQUE = 'users_email_unique';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Stored lower-cased; uniqueness is case-insensitive by construction. */
  email: text('email').notNull().unique(USER_EMAIL_UNIQUE),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const role = pgEnum('role', ['facilitator', 'member', 'observer']);

/** A user's role in one programme; members belong to exactly one team. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
    role: role('role').notNull(),
    teamId: uuid('team_id').references(() => teams.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('memberships_user_programme').on(t.userId, t.programmeId)],
);

/**
 * Single-use, expiring invitation. Only a hash of the token is stored, so a leaked
 * database does not leak usable links. `setup` marks the first-start link, which
 * creates the first facilitator of an installation with no accounts.
 */
export const invites = pgTable('invites', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  programmeId: uuid('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
  role: role('role').notNull(),
  teamId: uuid('team_id').references(() => teams.id),
  /** Null when created from the command line or at first start. */
  createdBy: uuid('created_by').references(() => users.id),
  setup: boolean('setup').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  usedBy: uuid('used_by').references(() => users.id),
});

/**
 * Sessions signed out before their cookie expired. A session cookie is a signed token that stays valid until it
 * expires: this list is what refuses a copy of it afterwards (and after a restart). Rows past `expiresAt` are
 * pruned at start-up, as the cookie is refused anyway then.
 */
export const endedSessions = pgTable('ended_sessions', {
  sessionId: text('session_id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  endedAt: timestamp('ended_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
