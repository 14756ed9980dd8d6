import type * as Y from 'yjs';
import { cellKey, EMPTY_CELL, EMPTY_THREAT, readCell, readThreat, type CellValues, type ThreatValues } from '@/server/collab/document';
import { cellRating, notApplicableThroughout, summarizeMatrix, summarizeRapidColumn, type MatrixSummary, type MaybeRating } from '@/server/domain/rating';

/** One team's threat × target document, read and summarised with Miradi's rules. */
export interface MatrixView {
  values: Map<string, CellValues>;
  ratings: Map<string, MaybeRating>;
  summary: MatrixSummary<string, string>;
  /** Threats marked not applicable for every target. */
  notApplicableThreats: Set<string>;
}

export function readMatrix(doc: Y.Doc | null, threatIds: readonly string[], targetIds: readonly string[]): MatrixView {
  const values = new Map<string, CellValues>();
  const ratings = new Map<string, MaybeRating>();
  for (const threatId of threatIds) {
    for (const targetId of targetIds) {
      const key = cellKey(threatId, targetId);
      const cell = doc ? readCell(doc, threatId, targetId) : EMPTY_CELL;
      values.set(key, cell);
      ratings.set(key, cellRating(cell));
    }
  }
  const summary = summarizeMatrix(threatIds, targetIds, (threat, target) => ratings.get(cellKey(threat, target)) ?? null);
  const notApplicableThreats = new Set(threatIds.filter((threat) =>
    notApplicableThroughout(targetIds.map((target) => values.get(cellKey(threat, target))!.notApplicable))));
  return { values, ratings, summary, notApplicableThreats };
}

/** One team's threats rated directly (a rapid assessment, or the agreed column). */
export interface ThreatListView {
  values: Map<string, ThreatValues>;
  targetSummary: MaybeRating;
  overall: MaybeRating;
}

export function readThreatList(doc: Y.Doc | null, threatIds: readonly string[]): ThreatListView {
  const values = new Map(threatIds.map((id) => [id, doc ? readThreat(doc, id) : EMPTY_THREAT] as const));
  const { targetSummary, overall } = summarizeRapidColumn(threatIds.map((id) => {
    const v = values.get(id)!;
    return v.notApplicable ? null : v.rating;
  }));
  return { values, targetSummary, overall };
}
