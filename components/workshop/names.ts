import { splitCellKey } from '@/server/collab/document';
import { COMPARISON_PAGE_FOCUS } from '../collab/presence';
import { t } from '../i18n/messages';

/** Threat and target names by id, and a person's focus key in words. */
export function makeNames(threats: readonly { id: string; name: string }[], targets: readonly { id: string; name: string }[]) {
  const threatNames = new Map(threats.map((x) => [x.id, x.name]));
  const targetNames = new Map(targets.map((x) => [x.id, x.name]));
  const cell = (threatId: string, targetId: string) =>
    t('workshop.cell', { threat: threatNames.get(threatId) ?? '?', target: targetNames.get(targetId) ?? '?' });
  return {
    threat: (id: string) => threatNames.get(id) ?? '?',
    cell,
    focus: (focus: string | null): string | null => {
      if (focus === null) return null;
      if (focus === COMPARISON_PAGE_FOCUS) return t('presence.comparisonPage');
      const ids = splitCellKey(focus);
      if (ids) return threatNames.has(ids.threatId) && targetNames.has(ids.targetId) ? cell(ids.threatId, ids.targetId) : null;
      return threatNames.get(focus) ?? null;
    },
  };
}
export type Names = ReturnType<typeof makeNames>;
