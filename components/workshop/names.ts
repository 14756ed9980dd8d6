import { splitCellKey } from '@/server/collab/document';
import { COMPARISON_PAGE_FOCUS } from '../collab/presence';
import { t } from '../i18n/messages';

/** Threat and target names by id, and a person's focus key in words. */
export function makeNames(threats: readonly { id: string; name: string }[], targets: readonly { id: string; name: string }[]) {
  const threatNames = new Map(threats.map((x) => [x.id, x.name]));
  const targetNames = new Map(targets.map((x) => [x.id, x.name]));
  const cell = (threatId: string, targetId: string) =>
    t('workshop.cell', { threat: threatNames.get(threatId) ?? '?', target: targetNames.get(targetId) ?? '?' });
  const threatRank = new Map(threats.map((x, i) => [x.id, i]));
  const targetRank = new Map(targets.map((x, i) => [x.id, i]));
  const focus = (focus: string | null): string | null => {
    if (focus === null) return null;
    if (focus === COMPARISON_PAGE_FOCUS) return t('presence.comparisonPage');
    const ids = splitCellKey(focus);
    if (ids) return threatNames.has(ids.threatId) && targetNames.has(ids.targetId) ? cell(ids.threatId, ids.targetId) : null;
    return threatNames.get(focus) ?? null;
  };
  return {
    threat: (id: string) => threatNames.get(id) ?? '?',
    cell,
    focus,
    /** A threat or cell named (Places in NotSavedDetails). */
    name: focus,
    /** Where a threat (its row) or a cell (row, then column) comes in the table; unknown ones last. */
    rank: (entry: string) => {
      const ids = splitCellKey(entry);
      const row = threatRank.get(ids ? ids.threatId : entry) ?? threats.length;
      // Within a row: the threat itself (0), then its cells by column (1…), unknown targets after them.
      return row * (targets.length + 2) + (ids ? (targetRank.get(ids.targetId) ?? targets.length) + 1 : 0);
    },
  };
}
export type Names = ReturnType<typeof makeNames>;
