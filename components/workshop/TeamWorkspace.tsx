'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo } from 'react';
import { ratesCells } from '@/server/domain/method';
import { isAssessmentEditable } from '@/server/domain/policy';
import type { Workspace } from '@/server/services/assessment';
import { RoomBar } from '../collab/RoomBar';
import { usePeople } from '../collab/usePeople';
import { usePresence } from '../collab/usePresence';
import { useRoom } from '../collab/useRoom';
import { t } from '../i18n/messages';
import { MatrixWorkspace } from './MatrixWorkspace';
import { makeNames } from './names';
import { RatingGuide } from './RatingGuide';
import { ThreatListWorkspace } from './ThreatListWorkspace';

/**
 * One team's ratings document, live: who is here, the connection, and the matrix
 * (detailed assessment, country team) or the list of threats (rapid, or agreed).
 */
export function TeamWorkspace({ workspace, teamId }: { workspace: Workspace; teamId: string }) {
  const { assessment, viewer, threats, targets } = workspace;
  const team = workspace.teams.find((x) => x.id === teamId)!;
  const editable = isAssessmentEditable(assessment.status);
  const view = useRoom({ assessmentId: assessment.id, teamId, canWrite: team.canWrite, localCopy: editable }, viewer.userId);
  usePresence(view.room, viewer);
  // The status as the server says it now: a facilitator may have changed it since the page was rendered.
  const said = view.snapshot?.assessment ?? null;
  // Rendered while the assessment was closed, and a facilitator has reopened it: show the page that takes changes.
  const router = useRouter();
  const reopened = !editable && said !== null && isAssessmentEditable(said);
  useEffect(() => { if (reopened) router.refresh(); }, [reopened, router]);
  const { people, byFocus } = usePeople(view);
  const names = useMemo(() => makeNames(threats, targets), [threats, targets]);
  const cells = ratesCells({ mode: assessment.mode, teamKind: team.kind });
  // Opened, closed or published while this page is open: its heading says so before the page is reloaded.
  const status = said ?? assessment.status;
  const readOnlyNote = team.canWrite ? null
    : isAssessmentEditable(status) ? t('workshop.readOnly.notYours') : t('workshop.readOnly.status', { status: t(`assessment.status.${status}`) });

  return (
    <div className="flex flex-col gap-4">
      <header>
        <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{t('workshop.heading', { team: team.landscape, assessment: assessment.name })}</h1>
        <p className="text-sm text-stone-600">
          {assessment.year} · {t(`assessment.mode.${assessment.mode}`)} · {t(`assessment.status.${status}`)}
        </p>
      </header>
      <RoomBar where={team.name} people={people} describe={names.focus} rooms={[view]} places={names} />
      {readOnlyNote && <p className="rounded bg-stone-100 px-3 py-2 text-sm text-stone-700">{readOnlyNote}</p>}
      <RatingGuide ratesCells={cells} />
      {cells ? (
        <MatrixWorkspace assessmentId={assessment.id} team={team} threats={threats} targets={targets} view={view} names={names} byFocus={byFocus} />
      ) : (
        <ThreatListWorkspace assessmentId={assessment.id} team={team} threats={threats} view={view} names={names} byFocus={byFocus} />
      )}
    </div>
  );
}
