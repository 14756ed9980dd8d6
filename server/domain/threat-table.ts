import { cellRating, notApplicableThroughout, summarizeMatrix, summarizeRapidColumn, type CellCriteria, type MaybeRating } from './rating';
import { ratesCells, type AssessmentMode, type TeamKind } from './method';

/**
 * The threat table in the shape of the plan's Table 1: threats as rows, one column
 * per team (country teams, then the agreed ecoregional level), summary rows below.
 * Pure: built from the rows a service loaded.
 */
export interface TableTeam { id: string; name: string; landscape: string; kind: TeamKind }
export interface TableThreat { id: string; name: string }
export interface ThreatEntry { teamId: string; threatId: string; rating: MaybeRating; notApplicable: boolean }
export interface CellEntry extends CellCriteria { teamId: string; threatId: string; targetId: string }

export interface ThreatTableInput {
  mode: AssessmentMode;
  teams: readonly TableTeam[];
  threats: readonly TableThreat[];
  /** Top-level targets (nested targets are not rated). */
  targetIds: readonly string[];
  threatEntries: readonly ThreatEntry[];
  cellEntries: readonly CellEntry[];
  published: ReadonlyMap<string, MaybeRating>;
}

export interface TableCell { rating: MaybeRating; notApplicable: boolean }
export interface TableColumnSummary {
  /** As the plan published it; undefined when nothing was published. */
  published: MaybeRating | undefined;
  /** Rapid columns only: the landscape is the column's one target. */
  computedTargetSummary: MaybeRating | undefined;
  computedOverall: MaybeRating;
}

export interface ThreatTable {
  rows: { threat: TableThreat; cells: Record<string, TableCell> }[];
  summaries: Record<string, TableColumnSummary>;
}

const EMPTY: TableCell = { rating: null, notApplicable: false };

export function buildThreatTable(input: ThreatTableInput): ThreatTable {
  const entered = new Map(input.threatEntries.map((e) => [`${e.teamId}/${e.threatId}`, e]));
  const cells = new Map(input.cellEntries.map((c) => [`${c.teamId}/${c.threatId}/${c.targetId}`, cellRating(c)]));
  const notApplicableCells = new Set(input.cellEntries.filter((c) => c.notApplicable).map((c) => `${c.teamId}/${c.threatId}/${c.targetId}`));
  const threatIds = input.threats.map((t) => t.id);

  const columns = new Map<string, { cells: Record<string, TableCell>; summary: Omit<TableColumnSummary, 'published'> }>();
  for (const team of input.teams) {
    // Computed from cells only where cells are the method; other columns are entered.
    if (ratesCells({ mode: input.mode, teamKind: team.kind })) {
      const matrix = summarizeMatrix(threatIds, input.targetIds, (threat, target) => cells.get(`${team.id}/${threat}/${target}`) ?? null);
      columns.set(team.id, {
        cells: Object.fromEntries(threatIds.map((id) => [id, {
          rating: matrix.threatSummaries[id] ?? null,
          notApplicable: notApplicableThroughout(input.targetIds.map((target) => notApplicableCells.has(`${team.id}/${id}/${target}`))),
        }])),
        summary: { computedTargetSummary: undefined, computedOverall: matrix.overall },
      });
    } else {
      const column = Object.fromEntries(threatIds.map((id) => {
        const e = entered.get(`${team.id}/${id}`);
        return [id, e ? { rating: e.notApplicable ? null : e.rating, notApplicable: e.notApplicable } : EMPTY];
      }));
      const { targetSummary, overall } = summarizeRapidColumn(threatIds.map((id) => column[id]!.rating));
      columns.set(team.id, { cells: column, summary: { computedTargetSummary: targetSummary, computedOverall: overall } });
    }
  }

  return {
    rows: input.threats.map((threat) => ({
      threat,
      cells: Object.fromEntries(input.teams.map((team) => [team.id, columns.get(team.id)!.cells[threat.id]!])),
    })),
    summaries: Object.fromEntries(
      input.teams.map((team) => [team.id, { published: input.published.get(team.id), ...columns.get(team.id)!.summary }]),
    ),
  };
}
