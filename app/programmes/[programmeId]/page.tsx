import Link from 'next/link';
import { cache } from 'react';
import { t } from '@/components/i18n/messages';
import { orPageError } from '@/components/layout/page-errors';
import { InviteForm } from '@/components/programme/InviteForm';
import { NewAssessmentForm } from '@/components/programme/NewAssessmentForm';
import { Section } from '@/components/layout/Section';
import { canManageProgramme, isAssessmentEditable } from '@/server/domain/policy';
import { membershipIn } from '@/server/services/context';
import { serverApi } from '@/server/trpc/server-caller';
import { pageTitle } from '../../page-title';

const loadOverview = cache(async (programmeId: string) => (await serverApi()).api.programme.overview({ programmeId }));

export const generateMetadata = async ({ params }: { params: Promise<{ programmeId: string }> }) =>
  pageTitle(loadOverview((await params).programmeId), ({ programme }) => programme.name);

export default async function ProgrammePage({ params }: { params: Promise<{ programmeId: string }> }) {
  const { programmeId } = await params;
  const { actor } = await serverApi();
  const overview = await loadOverview(programmeId).catch(orPageError(`/programmes/${programmeId}`));
  const membership = membershipIn(actor, programmeId);
  const isFacilitator = canManageProgramme(membership);
  const { programme } = overview;
  // A member's own team, for the way straight back to rating.
  const ownTeam = overview.teams.find((team) => team.id === membership?.teamId) ?? null;

  return (
    <article className="flex flex-col gap-8">
      <header>
        <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{programme.name}</h1>
        <p className="max-w-3xl text-stone-700">{programme.description}</p>
      </header>

      <Section title={t('programme.assessments')}>
        <ul className="flex flex-col gap-1">
          {overview.assessments.map((a) => (
            <li key={a.id} className="[overflow-wrap:anywhere]">
              <Link href={`/assessments/${a.id}`} className="text-emerald-800 underline">{a.name}</Link>
              <span className="ml-2 text-sm text-stone-600">
                {a.year} · {t(`assessment.mode.${a.mode}`)} · {t(`assessment.status.${a.status}`)}
              </span>
              {ownTeam && isAssessmentEditable(a.status) && (
                <Link href={`/assessments/${a.id}/teams/${ownTeam.id}`} className="ml-3 inline-block whitespace-nowrap rounded bg-emerald-700 px-2 py-0.5 text-sm font-medium text-white hover:bg-emerald-800">
                  {t('programme.rateOwnTeam', { team: ownTeam.name })}
                </Link>
              )}
            </li>
          ))}
        </ul>
        {overview.assessments.length === 0 && <p className="text-sm text-stone-600">{t('programme.noAssessments')}</p>}
      </Section>

      {isFacilitator && (
        <Section title={t('assessment.new.title')}>
          <NewAssessmentForm programmeId={programmeId} />
        </Section>
      )}

      {isFacilitator && (
        <Section title={t('invite.create')}>
          <InviteForm programmeId={programmeId} teams={overview.teams.filter((team) => team.kind === 'country')} />
        </Section>
      )}

      <Section title={t('programme.targets')}>
        <ol className="list-decimal pl-6">
          {overview.targets.map((target) => (
            <li key={target.id}>
              <span className="font-medium">{target.name}</span>
              {target.description && <span className="text-stone-600"> ({target.description})</span>}
              {target.nested.length > 0 && (
                <ul aria-label={`${t('programme.nested')}: ${target.name}`} className="list-disc pl-6 text-sm">
                  {target.nested.map((n) => (
                    <li key={n.id}>{n.name}{n.scientificName && <i className="text-stone-600"> ({n.scientificName})</i>}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </Section>

      <Section title={t('programme.threats')}>
        <ol className="list-decimal columns-2 pl-6">
          {overview.threats.map((threat) => <li key={threat.id}>{threat.name}</li>)}
        </ol>
      </Section>

      <Section title={t('programme.strategies')}>
        <ol className="flex flex-col gap-2">
          {overview.strategies.map((s) => (
            <li key={s.id}>
              <p className="font-medium">{s.number}. {s.name}</p>
              <p className="text-sm text-stone-600">
                {t('programme.strategyModules')}: {s.modules.map((m) => m.number).join(', ')}
                {s.threats.length > 0 && <> · {t('programme.strategyThreats')}: {s.threats.map((th) => th.name).join(', ')}</>}
              </p>
            </li>
          ))}
        </ol>
      </Section>

      <Section title={t('programme.goals')}>
        {overview.modules.map((m) => (
          <div key={m.id} className="mb-4">
            <h3 className="font-semibold">{t('programme.module', { number: m.number, name: m.name })}</h3>
            {m.goals.map((g) => (
              <div key={g.id} className="pl-4">
                <p><span className="font-medium">{t('programme.goal', { code: g.code })}.</span> {g.text}</p>
                <ul className="list-none pl-4 text-sm">
                  {g.objectives.map((o) => <li key={o.id}><span className="font-mono">{o.code}</span> {o.text}</li>)}
                </ul>
              </div>
            ))}
          </div>
        ))}
      </Section>

    </article>
  );
}
