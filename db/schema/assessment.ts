import { integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { ASSESSMENT_MODES } from '../../server/domain/method';
import { ASSESSMENT_STATUSES } from '../../server/domain/policy';
import { programmes } from './programme';

export const assessmentMode = pgEnum('assessment_mode', ASSESSMENT_MODES);
export const assessmentStatus = pgEnum('assessment_status', ASSESSMENT_STATUSES);

/** One assessment per plan revision ("2020 baseline", "2023 mid-term review"). */
export const ASSESSMENT_NAME_INDEX = 'assessments_programme_name';

export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    mode: assessmentMode('mode').notNull(),
    status: assessmentStatus('status').notNull().default('draft'),
    /** Where published values came from, e.g. "Strategic Plan 2021–2026, Table 1". */
    source: text('source'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assessments_programme_key').on(t.programmeId, t.key),
    // Names are told apart without regard to case: two facilitators creating one at the same moment get one.
    uniqueIndex(ASSESSMENT_NAME_INDEX).on(t.programmeId, sql`lower(${t.name})`),
  ],
);
