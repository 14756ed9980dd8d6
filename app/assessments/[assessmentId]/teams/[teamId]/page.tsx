import Link from 'next/link';
import { notFound } from 'next/navigation';
import { t } from '@/components/i18n/messages';
import { orPageError } from '@/components/layout/page-errors';
import { TeamWorkspace } from '@/components/workshop/TeamWorkspace';
import { pageTitle } from '../../../../page-title';
import { loadWorkspace } from '../../workspace';

export const generateMetadata = async ({ params }: { params: Promise<{ assessmentId: string; teamId: string }> }) => {
  const { assessmentId, teamId } = await params;
  return pageTitle(loadWorkspace(assessmentId), ({ assessment, teams }) => {
    const team = teams.find((x) => x.id === teamId);
    return team && t('workshop.heading', { team: team.landscape, assessment: assessment.name });
  });
};

/** One team's ratings of an assessment, edited live by the team (read-only for everyone else). */
export default async function TeamRatingsPage({ params }: { params: Promise<{ assessmentId: string; teamId: string }> }) {
  const { assessmentId, teamId } = await params;
  const workspace = await loadWorkspace(assessmentId).catch(orPageError(`/assessments/${assessmentId}/teams/${teamId}`));
  const team = workspace.teams.find((x) => x.id === teamId);
  if (!team) notFound();
  const { assessment } = workspace;
  return (
    <article className="flex flex-col gap-4">
      <nav aria-label={t('nav.breadcrumb')} className="text-sm [overflow-wrap:anywhere]">
        <Link href={`/assessments/${assessment.id}`} className="underline">{t('workshop.back', { assessment: assessment.name })}</Link>
      </nav>
      <TeamWorkspace workspace={workspace} teamId={team.id} />
    </article>
  );
}
