'use client';
import { useMemo, useState } from 'react';
import { writeThreat, type ThreatValues } from '@/server/collab/document';
import { RatingCell } from '../assessment/RatingCell';
import { SideScrollBox } from '../assessment/SideScrollBox';
import { TableCaption } from '../assessment/TableCaption';
import { pinned } from '../assessment/table-layout';
import type { Person } from '../collab/presence';
import type { RoomView } from '../collab/useRoom';
import { t } from '../i18n/messages';
import { HistoryPanel } from './HistoryPanel';
import { readThreatList } from './matrix';
import type { Names } from './names';
import { ThreatRow } from './ThreatRow';

const border = 'border border-stone-300 px-2 py-1';

/**
 * A team that rates each threat as a whole (a rapid assessment, like the plan's
 * Table 1, or the agreed ecoregional column): one picker per threat, N/A and a
 * rationale, with the computed target summary and overall rating below.
 */
export function ThreatListWorkspace({ assessmentId, team, threats, view, names, byFocus }: {
  assessmentId: string;
  team: { id: string; name: string };
  threats: readonly { id: string; name: string }[];
  view: RoomView;
  names: Names;
  byFocus: Map<string, Person[]>;
}) {
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const revision = view.snapshot?.revision ?? 0;
  const { doc, room, readOnly } = view;
  const list = useMemo(
    () => readThreatList(doc, threats.map((x) => x.id)),
    [doc, revision, threats], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const write = (threatId: string, patch: Partial<ThreatValues>) => {
    if (doc && !readOnly) writeThreat(doc, threatId, patch);
  };

  return (
    <div className="flex flex-col gap-4">
      <SideScrollBox>
        <table className="w-full border-collapse bg-white text-sm">
          <TableCaption>{t('workshop.rapidCaption', { team: team.name })}</TableCaption>
          <thead>
            <tr>
              <th scope="col" className={`${border} ${pinned} bg-white text-left`}>{t('assessment.directThreatsHeader')}</th>
              <th scope="col" className={`${border} w-40`}>{t('workshop.rating')}</th>
              <th scope="col" className={`${border} w-28`}>{t('editor.notApplicable')}</th>
              {/* The rationale boxes ask for no width of their own (ThreatRow): the column takes the room left over. */}
              <th scope="col" className={`${border} w-1/2`}>{t('editor.rationale')}</th>
              <th scope="col" className={`${border} w-24`}>{t('workshop.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {threats.map((threat) => (
              <ThreatRow
                key={threat.id}
                threat={threat}
                values={list.values.get(threat.id)!}
                canWrite={view.canWrite}
                readOnly={readOnly}
                people={byFocus.get(threat.id)}
                historyOpen={historyOf === threat.id}
                onFocus={() => room?.setFocus(threat.id)}
                onChange={(patch) => write(threat.id, patch)}
                onToggleHistory={() => setHistoryOf(historyOf === threat.id ? null : threat.id)}
              />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className={`${border} ${pinned} bg-white text-left font-semibold`}>{t('assessment.computedTargetSummary')}</th>
              <RatingCell rating={list.targetSummary} />
              <td colSpan={3} className="border border-stone-300" />
            </tr>
            <tr>
              <th scope="row" className={`${border} ${pinned} bg-white text-left font-semibold`}>{t('assessment.computedOverall')}</th>
              <RatingCell rating={list.overall} />
              <td colSpan={3} className="border border-stone-300" />
            </tr>
          </tfoot>
        </table>
      </SideScrollBox>
      {historyOf && (
        <HistoryPanel
          assessmentId={assessmentId}
          teamId={team.id}
          threatId={historyOf}
          targetId={null}
          place={names.threat(historyOf)}
          revision={JSON.stringify(list.values.get(historyOf))}
          onClose={() => {
            // Back to the button that opened it, for keyboard users (the panel and its focus are gone).
            document.querySelector<HTMLButtonElement>(`[data-history="${CSS.escape(historyOf)}"]`)?.focus();
            setHistoryOf(null);
          }}
        />
      )}
    </div>
  );
}
