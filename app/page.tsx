import Link from 'next/link';
import { t } from '@/components/i18n/messages';
import { serverApi } from '@/server/trpc/server-caller';

export default async function HomePage() {
  const { actor, api } = await serverApi();
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t('app.tagline')}</h1>
      <p className="max-w-2xl text-stone-700">{t('home.intro')}</p>
      {actor ? <ProgrammeList programmes={await api.programme.list()} /> : (
        <p><Link href="/signin" className="underline">{t('nav.signIn')}</Link> — {t('home.signInPrompt')}</p>
      )}
    </section>
  );
}

function ProgrammeList({ programmes }: { programmes: { id: string; name: string; role: 'facilitator' | 'member' | 'observer'; teamName: string | null }[] }) {
  if (programmes.length === 0) return <p>{t('home.noProgrammes')}</p>;
  return (
    <nav aria-label={t('home.programmes')}>
      <h2 className="mb-2 text-lg font-semibold">{t('home.programmes')}</h2>
      <ul className="flex flex-col gap-2">
        {programmes.map((p) => (
          <li key={p.id}>
            <Link href={`/programmes/${p.id}`} className="text-emerald-800 underline">{p.name}</Link>{' '}
            <span className="ml-1 text-sm text-stone-600">
              ({p.teamName ? t('home.roleInTeam', { role: t(`role.${p.role}`), team: p.teamName }) : t(`role.${p.role}`)})
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
