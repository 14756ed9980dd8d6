import type * as Y from 'yjs';
import { readAllCells, readAllThreats } from '@/server/collab/document';
import { medianRating, spread } from '@/server/domain/consensus';
import { ratesCells, type AssessmentMode } from '@/server/domain/method';
import type { MaybeRating } from '@/server/domain/rating';
import { buildThreatTable, type TableTeam, type TableThreat, type ThreatTable } from '@/server/domain/threat-table';

export interface ComparisonRow {
  threat: TableThreat;
  cells: ThreatTable['rows'][number]['cells'];
  /** Levels between the country teams' lowest and highest rating; null if fewer than two rated. */
  spread: number | null;
  /** The country teams' median: the suggestion for the agreed rating. */
  median: MaybeRating;
}

export interface Comparison {
  rows: ComparisonRow[];
  summaries: ThreatTable['summaries'];
}

/**
 * Table 1 from the live documents: each country team's column (its computed threat
 * summaries in a detailed assessment, its entered ratings in a rapid one), the
 * agreed column, and per threat how far the country teams are apart.
 */
export function compareTeams(input: {
  mode: AssessmentMode;
  teams: readonly TableTeam[];
  threats: readonly TableThreat[];
  targetIds: readonly string[];
  docs: ReadonlyMap<string, Y.Doc | null>;
}): Comparison {
  const computed = (team: TableTeam) => ratesCells({ mode: input.mode, teamKind: team.kind });
  const threatEntries = input.teams.filter((team) => !computed(team)).flatMap((team) => {
    const doc = input.docs.get(team.id);
    return doc ? readAllThreats(doc).map(({ threatId, values }) => ({ teamId: team.id, threatId, ...values })) : [];
  });
  const cellEntries = input.teams.filter(computed).flatMap((team) => {
    const doc = input.docs.get(team.id);
    return doc ? readAllCells(doc).map(({ threatId, targetId, values }) => ({ teamId: team.id, threatId, targetId, ...values })) : [];
  });
  const table = buildThreatTable({
    mode: input.mode, teams: input.teams, threats: input.threats, targetIds: input.targetIds,
    threatEntries, cellEntries, published: new Map(),
  });
  const countryIds = input.teams.filter((team) => team.kind === 'country').map((team) => team.id);
  return {
    rows: table.rows.map(({ threat, cells }) => {
      const ratings = countryIds.map((id) => cells[id]!.rating);
      return { threat, cells, spread: spread(ratings), median: medianRating(ratings) };
    }),
    summaries: table.summaries,
  };
}

/** How many threats have an agreed value (a rating, or not applicable) out of all of them. */
export function agreedProgress(rows: readonly ComparisonRow[], agreedTeamId: string): { done: number; total: number } {
  const done = rows.filter((row) => {
    const cell = row.cells[agreedTeamId];
    return cell !== undefined && (cell.rating !== null || cell.notApplicable);
  }).length;
  return { done, total: rows.length };
}
