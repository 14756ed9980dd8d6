import Link from 'next/link';
import { FollowStatus } from '@/components/assessment/FollowStatus';
import { LiveStatusProvider, LiveStatusText } from '@/components/assessment/LiveStatus';
import { StatusControl } from '@/components/assessment/StatusControl';
import { TeamLinks } from '@/components/assessment/TeamLinks';
import { ThreatTable } from '@/components/assessment/ThreatTable';
import { LiveComparison } from '@/components/comparison/LiveComparison';
import { t } from '@/components/i18n/messages';
import { orPageError } from '@/components/layout/page-errors';
import { canManageProgramme, isAssessmentEditable } from '@/server/domain/policy';
import { serverApi } from '@/server/trpc/server-caller';
import { pageTitle } from '../../page-title';
import { loadWorkspace } from './workspace';

export const generateMetadata = async ({ params }: { params: Promise<{ assessmentId: string }> }) =>
  pageTitle(loadWorkspace((await params).assessmentId), ({ assessment }) => assessment.name);

/**
 * An assessment: links to each team's ratings, and Table 1 — live from the team
 * documents while it is draft or open, as stored once it is closed or published.
 */
export default async function AssessmentPage({ params }: { params: Promise<{ assessmentId: string }> }) {
  const { assessmentId } = await params;
  const { api } = await serverApi();
  const onError = orPageError(`/assessments/${assessmentId}`);
  const workspace = await loadWorkspace(assessmentId).catch(onError);
  const { assessment } = workspace;
  const editable = isAssessmentEditable(assessment.status);
  const stored = editable ? null : await api.assessment.threatTable({ assessmentId }).catch(onError);
  // Why the live table takes no input from this viewer, where it takes none (facilitators set the agreed column).
  const agreedTeam = workspace.teams.find((team) => team.kind === 'ecoregional');
  const viewerNote = !workspace.teams.some((team) => team.canWrite) ? t('assessment.viewerNote.readOnly')
    : agreedTeam && !agreedTeam.canWrite ? t('assessment.viewerNote.agreedByFacilitators') : null;
  return (
    <LiveStatusProvider rendered={assessment.status}>
    <article className="flex flex-col gap-4">
      <nav aria-label={t('nav.breadcrumb')} className="text-sm">
        <Link href={`/programmes/${assessment.programmeId}`} className="underline">← {t('programme.assessments')}</Link>
      </nav>
      <header>
        <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{assessment.name}</h1>
        <p className="text-sm text-stone-600">
          {assessment.year} · {t(`assessment.mode.${assessment.mode}`)} · <LiveStatusText rendered={assessment.status} />
        </p>
        {stored?.assessment.source && <p className="text-sm text-stone-600">{t('assessment.source', { source: stored.assessment.source })}</p>}
      </header>
      {canManageProgramme({ ...workspace.viewer, programmeId: assessment.programmeId }) && <StatusControl assessmentId={assessment.id} status={assessment.status} />}
      <TeamLinks assessmentId={assessment.id} teams={workspace.teams} viewerTeamId={workspace.viewer.teamId} />
      {stored ? (
        <>
          {assessment.status === 'closed' && (
            <FollowStatus assessmentId={assessment.id} teamId={(agreedTeam ?? workspace.teams[0]!).id} userId={workspace.viewer.userId} rendered={assessment.status} />
          )}
          <p className="text-sm text-stone-700">{t('assessment.readOnlyNote', { status: t(`assessment.status.${assessment.status}`) })}</p>
          {/* The table's key explains "*" under it, only when some value is marked. */}
          <ThreatTable teams={stored.teams} table={stored} caption={t('assessment.threatTable')} />
          <p className="text-sm text-stone-600">{t('assessment.computedNote')}</p>
        </>
      ) : (
        <>
          {viewerNote && <p className="rounded bg-stone-100 px-3 py-2 text-sm text-stone-700">{viewerNote}</p>}
          <LiveComparison workspace={workspace} />
          <p className="text-sm text-stone-600">{t('assessment.computedNote')}</p>
        </>
      )}
    </article>
    </LiveStatusProvider>
  );
}
