'use client';
import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { writeThreat } from '@/server/collab/document';
import type { MaybeRating } from '@/server/domain/rating';
import type { Workspace } from '@/server/services/assessment';
import { RatingCell } from '../assessment/RatingCell';
import { RoomBar } from '../collab/RoomBar';
import { usePeople } from '../collab/usePeople';
import { usePresence } from '../collab/usePresence';
import { useRooms } from '../collab/useRoom';
import { t } from '../i18n/messages';
import { makeNames } from '../workshop/names';
import { AgreedCell } from './AgreedCell';
import { AgreedDetails } from './AgreedDetails';
import { agreedProgress, compareTeams } from './compare';
import { SpreadCell } from './SpreadCell';
import { SummaryRow } from './SummaryRow';

const border = 'border border-stone-300 px-2 py-1 text-sm';

/**
 * The plan's Table 1, live: every team's document read side by side, how far the
 * country teams are apart per threat, and the agreed column, which facilitators
 * set (the teams' median is offered).
 */
export function LiveComparison({ workspace }: { workspace: Workspace }) {
  const { assessment, teams, threats, targets, viewer } = workspace;
  const requests = useMemo(
    () => teams.map((team) => ({ assessmentId: assessment.id, teamId: team.id, canWrite: team.canWrite })),
    [assessment.id, teams],
  );
  const views = useRooms(requests, viewer.userId);
  const agreedIndex = teams.findIndex((team) => team.kind === 'ecoregional');
  const agreed = agreedIndex >= 0 ? { team: teams[agreedIndex]!, view: views[agreedIndex]! } : null;
  const agreedRoom = agreed?.view.room ?? null;

  // Present in the agreed column's room; invisible in the team rooms we only read.
  usePresence(agreedRoom, viewer);
  const rooms = views.map((v) => v.room);
  const roomsKey = rooms.map((room) => room?.doc.guid ?? '').join();
  useEffect(() => {
    for (const room of rooms) if (room && room !== agreedRoom) room.setPresence(null);
  }, [roomsKey, agreedRoom]); // eslint-disable-line react-hooks/exhaustive-deps

  const { people, byFocus } = usePeople(agreed?.view ?? views[0]!);
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => agreedRoom?.setFocus(selected), [agreedRoom, selected]);

  const revisions = views.map((v) => `${v.doc?.guid ?? ''}:${v.snapshot?.revision ?? 0}`).join();
  const comparison = useMemo(
    () => compareTeams({
      mode: assessment.mode, teams, threats, targetIds: targets.map((x) => x.id),
      docs: new Map(teams.map((team, i) => [team.id, views[i]?.doc ?? null] as const)),
    }),
    [revisions, assessment.mode, teams, threats, targets], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const names = useMemo(() => makeNames(threats, targets), [threats, targets]);
  const countries = teams.filter((team) => team.kind === 'country');
  const setAgreed = (threatId: string) => (rating: MaybeRating, notApplicable: boolean) => {
    const doc: Y.Doc | null = agreed?.view.doc ?? null;
    if (doc && agreed && !agreed.view.readOnly) writeThreat(doc, threatId, { rating: notApplicable ? null : rating, notApplicable });
  };
  const selectedRow = comparison.rows.find((row) => row.threat.id === selected) ?? null;
  const summaries = teams.map((team) => comparison.summaries[team.id]!);

  return (
    <div className="flex flex-col gap-4">
      <RoomBar people={people} describe={names.focus} rooms={views} />
      {agreed && (
        <p aria-live="polite" className="text-sm text-stone-700">
          {t('comparison.agreedProgress', { team: agreed.team.landscape, ...agreedProgress(comparison.rows, agreed.team.id) })}
        </p>
      )}
      <div className={`grid gap-4 ${selectedRow ? 'xl:grid-cols-[minmax(0,1fr)_19rem]' : ''}`}>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white">
            <caption className="mb-2 text-left font-semibold">{t('comparison.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className={`${border} text-left`}>{t('assessment.threatsHeader')}</th>
                {countries.map((team) => <th key={team.id} scope="col" className={border}>{team.landscape}</th>)}
                <th scope="col" className={`${border} bg-stone-100`}>{t('comparison.apart')}</th>
                {agreed && <th scope="col" className={border}>{agreed.team.landscape}</th>}
                <th scope="col" className={`${border} w-16`}>{t('comparison.details')}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.rows.map((row) => {
                const value = agreed ? row.cells[agreed.team.id]! : null;
                return (
                  <tr key={row.threat.id}>
                    <th scope="row" className={`${border} text-left font-normal ${selected === row.threat.id ? 'bg-stone-100' : ''}`}>
                      {row.threat.name}
                    </th>
                    {countries.map((team) => (
                      <RatingCell key={team.id} rating={row.cells[team.id]!.rating} notApplicable={row.cells[team.id]!.notApplicable} />
                    ))}
                    <SpreadCell levels={row.spread} />
                    {agreed && value && (
                      <AgreedCell
                        threat={row.threat.name}
                        rating={value.rating}
                        notApplicable={value.notApplicable}
                        median={row.median}
                        editable={agreed.view.canWrite}
                        disabled={agreed.view.readOnly}
                        people={byFocus.get(row.threat.id)}
                        onChange={setAgreed(row.threat.id)}
                      />
                    )}
                    <td className={`${border} text-center`}>
                      <button
                        type="button"
                        aria-label={t('comparison.detailsOf', { threat: row.threat.name })}
                        aria-pressed={selected === row.threat.id}
                        onClick={() => setSelected(selected === row.threat.id ? null : row.threat.id)}
                        className="rounded border border-stone-300 px-1.5 py-0.5 text-xs text-stone-700 hover:bg-stone-100"
                      >
                        {t('comparison.details')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              {summaries.some((s) => s.computedTargetSummary !== undefined) && (
                <SummaryRow label={t('assessment.computedTargetSummary')} teams={teams} agreedIndex={agreedIndex} values={summaries.map((s) => s.computedTargetSummary)} />
              )}
              <SummaryRow label={t('assessment.computedOverall')} teams={teams} agreedIndex={agreedIndex} values={summaries.map((s) => s.computedOverall)} />
            </tfoot>
          </table>
        </div>
        {selectedRow && (
          <aside>
            <AgreedDetails
              assessmentId={assessment.id}
              mode={assessment.mode}
              row={selectedRow}
              teams={teams}
              targets={targets}
              views={views}
              agreed={agreed}
              onClose={() => setSelected(null)}
            />
          </aside>
        )}
      </div>
    </div>
  );
}
