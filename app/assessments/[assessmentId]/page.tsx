import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { ThreatTable } from '@/components/assessment/ThreatTable';
import { t } from '@/components/i18n/messages';
import { serverApi } from '@/server/trpc/server-caller';

export default async function AssessmentPage({ params }: { params: Promise<{ assessmentId: string }> }) {
  const { assessmentId } = await params;
  const { api } = await serverApi();
  const view = await api.assessment.threatTable({ assessmentId }).catch((error: unknown) => {
    if (error instanceof TRPCError) notFound();
    throw error;
  });
  const { assessment } = view;
  return (
    <article className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/programmes/${assessment.programmeId}`} className="underline">← {t('programme.assessments')}</Link>
      </nav>
      <header>
        <h1 className="text-2xl font-semibold">{assessment.name}</h1>
        <p className="text-sm text-stone-600">
          {assessment.year} · {t(`assessment.mode.${assessment.mode}`)} · {t(`assessment.status.${assessment.status}`)}
        </p>
        {assessment.source && <p className="text-sm text-stone-600">{t('assessment.source', { source: assessment.source })}</p>}
      </header>
      <ThreatTable teams={view.teams} table={view} caption={t('assessment.threatTable')} />
      <p className="text-sm text-stone-600">{t('assessment.computedNote')} <span aria-hidden="true">*</span> {t('assessment.differs')}</p>
    </article>
  );
}
