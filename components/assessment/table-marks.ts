import type { MaybeRating } from '@/server/domain/rating';
import type { TableCell, TableColumnSummary } from '@/server/domain/threat-table';

/**
 * Which marks a threat table shows, so the key under it explains exactly those:
 * "*" beside a computed summary the plan published differently, "–" for not applicable.
 */

/** A computed summary is marked where the plan published another value for its column (nothing to compare otherwise). */
export function differsFromPublished(published: MaybeRating | undefined, computed: MaybeRating | undefined): boolean {
  return published !== undefined && computed !== undefined && published !== computed;
}

/** Some column's computed target summary or overall rating is marked. */
export function anyDiffers(summaries: readonly TableColumnSummary[]): boolean {
  return summaries.some((s) => differsFromPublished(s.published, s.computedTargetSummary) || differsFromPublished(s.published, s.computedOverall));
}

/** Some threat is not applicable in one of these columns. */
export function anyNotApplicable(rows: readonly { cells: Readonly<Record<string, TableCell>> }[], teamIds: readonly string[]): boolean {
  return rows.some((row) => teamIds.some((id) => row.cells[id]?.notApplicable === true));
}
