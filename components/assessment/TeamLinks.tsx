import Link from 'next/link';
import { t } from '../i18n/messages';

/** Each team's ratings page; the viewer's own team is marked. */
export function TeamLinks({ assessmentId, teams, viewerTeamId }: {
  assessmentId: string;
  teams: readonly { id: string; name: string }[];
  viewerTeamId: string | null;
}) {
  return (
    <nav aria-label={t('assessment.teamsNav')} className="text-sm">
      <h2 className="mb-1 font-semibold">{t('assessment.teamsNav')}</h2>
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {teams.map((team) => (
          <li key={team.id}>
            <Link href={`/assessments/${assessmentId}/teams/${team.id}`} className="text-emerald-800 underline">
              {t('assessment.teamLink', { team: team.name })}
            </Link>
            {team.id === viewerTeamId && <span className="ml-1 text-stone-600">{t('assessment.yourTeam')}</span>}
          </li>
        ))}
      </ul>
    </nav>
  );
}
