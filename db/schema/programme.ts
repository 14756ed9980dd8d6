import { integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, primaryKey, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { TEAM_KINDS } from '../../server/domain/method';

/** A conservation programme (an ecoregion, a landscape, a country programme …). */
export const programmes = pgTable('programmes', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  description: text('description').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const teamKind = pgEnum('team_kind', TEAM_KINDS);

/** A country team owns one landscape; the ecoregional level is the agreed column. */
export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    landscape: text('landscape').notNull(),
    kind: teamKind('kind').notNull(),
    language: text('language').notNull().default('en'),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('teams_programme_key').on(t.programmeId, t.key)],
);

/** Conservation targets; nested targets point at their parent. */
export const targets = pgTable(
  'targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => targets.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    scientificName: text('scientific_name'),
    description: text('description').notNull().default(''),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('targets_programme_key').on(t.programmeId, t.key)],
);

export const threats = pgTable(
  'threats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('threats_programme_key').on(t.programmeId, t.key)],
);

/** Modules group the programme's goals; module 1 may be internal management. */
export const modules = pgTable(
  'modules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('modules_programme_number').on(t.programmeId, t.number)],
);

export const goals = pgTable(
  'goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    moduleId: uuid('module_id').notNull().references(() => modules.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('goals_module_code').on(t.moduleId, t.code)],
);

export const objectives = pgTable(
  'objectives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    goalId: uuid('goal_id').notNull().references(() => goals.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    text: text('text').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('objectives_goal_code').on(t.goalId, t.code)],
);

export const strategies = pgTable(
  'strategies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('strategies_programme_number').on(t.programmeId, t.number)],
);

export const strategyModules = pgTable(
  'strategy_modules',
  {
    strategyId: uuid('strategy_id').notNull().references(() => strategies.id, { onDelete: 'cascade' }),
    moduleId: uuid('module_id').notNull().references(() => modules.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.strategyId, t.moduleId] })],
);

export const strategyThreats = pgTable(
  'strategy_threats',
  {
    strategyId: uuid('strategy_id').notNull().references(() => strategies.id, { onDelete: 'cascade' }),
    threatId: uuid('threat_id').notNull().references(() => threats.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.strategyId, t.threatId] })],
);
