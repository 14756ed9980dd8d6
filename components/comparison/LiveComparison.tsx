'use client';
import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { writeThreat } from '@/server/collab/document';
import type { MaybeRating } from '@/server/domain/rating';
import type { Workspace } from '@/server/services/assessment';
import { useHeardStatus } from '../assessment/LiveStatus';
import { RoomBar } from '../collab/RoomBar';
import { COMPARISON_PAGE_FOCUS, focusMap, type PersonInRoom } from '../collab/presence';
import { usePeopleAcross } from '../collab/usePeople';
import { usePresence } from '../collab/usePresence';
import { useRooms } from '../collab/useRoom';
import { t } from '../i18n/messages';
import { makeNames } from '../workshop/names';
import { AgreedDetails } from './AgreedDetails';
import { agreedProgress, compareTeams } from './compare';
import { ComparisonTable } from './ComparisonTable';

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
  useHeardStatus(views.map((view) => view.snapshot?.assessment ?? null).find((status) => status !== null) ?? null);
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

  // The list names everyone working on the assessment's documents; marks on the agreed cells come from the agreed
  // room (first, so its people are placed there), in the list's colours.
  const byRoom = teams.map((team, i) => ({ room: team.id, view: views[i]! }));
  const people = usePeopleAcross(agreed ? [byRoom[agreedIndex]!, ...byRoom.filter((_, i) => i !== agreedIndex)] : byRoom);
  const marksRoom = agreed?.team.id ?? teams[0]!.id;
  const byFocus = useMemo(() => focusMap(people.filter((person) => person.room === marksRoom)), [people, marksRoom]);
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => agreedRoom?.setFocus(selected ?? COMPARISON_PAGE_FOCUS), [agreedRoom, selected]);

  const revisions = views.map((v) => `${v.doc?.guid ?? ''}:${v.snapshot?.revision ?? 0}`).join();
  const comparison = useMemo(
    () => compareTeams({
      mode: assessment.mode, teams, threats, targetIds: targets.map((x) => x.id),
      docs: new Map(teams.map((team, i) => [team.id, views[i]?.doc ?? null] as const)),
    }),
    [revisions, assessment.mode, teams, threats, targets], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const names = useMemo(() => makeNames(threats, targets), [threats, targets]);
  const places = useMemo(() => ({ ...names, team: (teamId: string) => teams.find((x) => x.id === teamId)?.name ?? null }), [names, teams]);
  // Someone in a country team's room is on that team's page, on a cell of it or not.
  const describePlace = (focus: string | null, person: PersonInRoom) => {
    // On this page, being on this page goes without saying.
    const place = focus === COMPARISON_PAGE_FOCUS ? null : names.focus(focus);
    // The agreed room's focus is a threat's row, opened here: said so, as a bare threat name would read as a cell.
    if (person.room === agreed?.team.id) return place && t('presence.agreedRating', { place });
    const team = teams.find((x) => x.id === person.room);
    if (!team) return place;
    return place ? t('presence.inTeam', { team: team.name, place }) : t('presence.teamPage', { team: team.name });
  };
  const setAgreed = (threatId: string, rating: MaybeRating, notApplicable: boolean) => {
    const doc: Y.Doc | null = agreed?.view.doc ?? null;
    if (doc && agreed && !agreed.view.readOnly) writeThreat(doc, threatId, { rating: notApplicable ? null : rating, notApplicable });
  };
  const selectedRow = comparison.rows.find((row) => row.threat.id === selected) ?? null;
  const closeDetails = () => {
    // Back to the button that opened them, for keyboard users (the panel and its focus are gone).
    document.querySelector<HTMLButtonElement>(`[data-details="${selected}"]`)?.focus();
    setSelected(null);
  };

  return (
    <div className="flex flex-col gap-4">
      <RoomBar people={people} describe={describePlace} rooms={views} places={places} />
      {agreed && (
        <p aria-live="polite" className="text-sm text-stone-700">
          {t('comparison.agreedProgress', { team: agreed.team.landscape, ...agreedProgress(comparison.rows, agreed.team.id) })}
        </p>
      )}
      <div className={`grid gap-4 ${selectedRow ? 'xl:grid-cols-[minmax(0,1fr)_19rem]' : ''}`}>
        <ComparisonTable
          comparison={comparison}
          teams={teams}
          agreed={agreed && { team: agreed.team, editable: agreed.view.canWrite, disabled: agreed.view.readOnly }}
          selected={selected}
          byFocus={byFocus}
          onToggleDetails={(threatId) => setSelected(selected === threatId ? null : threatId)}
          onAgreedChange={setAgreed}
        />
        {selectedRow && (
          // Beside the table on wide screens, the panel stays in view below the pinned bar while the rows scroll. It
          // is short enough to stay clear of the bar at the end of the page too, where it cannot reach below the
          // table: the page's notes under it take up to about 5rem.
          <aside className="min-w-0 xl:sticky xl:top-[var(--room-bar-height,0px)] xl:max-h-[calc(100vh-var(--room-bar-height,0px)-6rem)] xl:self-start xl:overflow-y-auto">
            <AgreedDetails
              assessmentId={assessment.id}
              mode={assessment.mode}
              row={selectedRow}
              teams={teams}
              targets={targets}
              views={views}
              agreed={agreed}
              onClose={closeDetails}
            />
          </aside>
        )}
      </div>
    </div>
  );
}
