import { boolean, pgEnum, pgTable, primaryKey, text, timestamp, uuid, bigserial, index } from 'drizzle-orm/pg-core';
import { RATING_LEVELS } from '../../server/domain/rating';
import { assessments } from './assessment';
import { targets, teams, threats } from './programme';
import { users } from './auth';

export const ratingLevel = pgEnum('rating_level', RATING_LEVELS);

const audit = {
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** A team's rating of one threat against one target (detailed mode). */
export const cellRatings = pgTable(
  'cell_ratings',
  {
    assessmentId: uuid('assessment_id').notNull().references(() => assessments.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id').notNull().references(() => teams.id),
    threatId: uuid('threat_id').notNull().references(() => threats.id),
    targetId: uuid('target_id').notNull().references(() => targets.id),
    scope: ratingLevel('scope'),
    severity: ratingLevel('severity'),
    irreversibility: ratingLevel('irreversibility'),
    notApplicable: boolean('not_applicable').notNull().default(false),
    rationale: text('rationale').notNull().default(''),
    ...audit,
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.teamId, t.threatId, t.targetId] })],
);

/**
 * A team's rating of a threat as a whole, entered directly: a rapid assessment's
 * cell, or the agreed ecoregional rating (which is agreed, never computed).
 */
export const threatRatings = pgTable(
  'threat_ratings',
  {
    assessmentId: uuid('assessment_id').notNull().references(() => assessments.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id').notNull().references(() => teams.id),
    threatId: uuid('threat_id').notNull().references(() => threats.id),
    rating: ratingLevel('rating'),
    notApplicable: boolean('not_applicable').notNull().default(false),
    rationale: text('rationale').notNull().default(''),
    ...audit,
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.teamId, t.threatId] })],
);

/** Summary values exactly as a plan published them, kept beside the computed ones. */
export const publishedSummaries = pgTable(
  'published_summaries',
  {
    assessmentId: uuid('assessment_id').notNull().references(() => assessments.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id').notNull().references(() => teams.id),
    overall: ratingLevel('overall'),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.teamId] })],
);

/**
 * Append-only history of every rating change: who set what, when, and why. The
 * tables above hold the current value; this one is the evidence behind it.
 */
export const ratingEvents = pgTable(
  'rating_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    assessmentId: uuid('assessment_id').notNull().references(() => assessments.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id').notNull().references(() => teams.id),
    threatId: uuid('threat_id').notNull().references(() => threats.id),
    /** Null for a threat-level (rapid or agreed) rating. */
    targetId: uuid('target_id').references(() => targets.id),
    field: text('field').notNull(),
    value: text('value'),
    /**
     * False when someone else set the same field at the same moment and their value won (Yjs keeps one of two
     * concurrent values): the change was made, but the field never held this value.
     */
    kept: boolean('kept').notNull().default(true),
    rationale: text('rationale').notNull().default(''),
    /** The signed-in person who made the change, or whose connection delivered it. */
    actorId: uuid('actor_id').references(() => users.id),
    /**
     * When someone else's connection delivered the change: the person whose browser made it, going by its Yjs
     * client id (after a server restart a client re-sends what others made). A claim, not a proof: client ids are
     * not signatures, so the delivering person stays the actor.
     */
    claimedAuthorId: uuid('claimed_author_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rating_events_cell').on(t.assessmentId, t.teamId, t.threatId, t.targetId)],
);
