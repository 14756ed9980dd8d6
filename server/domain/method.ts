/**
 * The Open Standards method as Heilong runs it: how an assessment is rated and
 * which kinds of team take part. The database enums, the API's inputs and the seed
 * schema are all derived from these lists, so adding a value happens in one place.
 */

/** rapid: each team rates each threat directly (Table 1); detailed: threat × target cells. */
export const ASSESSMENT_MODES = ['rapid', 'detailed'] as const;
export type AssessmentMode = (typeof ASSESSMENT_MODES)[number];

/** A country team owns one landscape; the ecoregional level is the agreed column. */
export const TEAM_KINDS = ['country', 'ecoregional'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

/**
 * Cells (threat × target) are the method only for a country team in a detailed
 * assessment: the agreed column is always a judgement on the whole threat, and in a
 * rapid assessment the team's landscape is its one target.
 */
export function ratesCells({ mode, teamKind }: { mode: AssessmentMode; teamKind: TeamKind }): boolean {
  return mode === 'detailed' && teamKind === 'country';
}

/** The plan years an assessment may carry (the revision it belongs to, e.g. 2020). */
export const ASSESSMENT_YEARS = { first: 1900, last: 2200 } as const;

/** The longest assessment name, in characters (after trimming). */
export const MAX_ASSESSMENT_NAME_LENGTH = 120;
