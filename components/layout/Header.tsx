import Link from 'next/link';
import { currentActor } from '@/server/auth/session';
import { t } from '../i18n/messages';
import { SignOutButton } from '../auth/SignOutButton';

export async function Header() {
  const actor = await currentActor();
  return (
    <header className="border-b border-stone-200 bg-white">
      <nav aria-label={t('nav.main')} className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-emerald-800">{t('app.name')}</Link>
        {actor ? (
          <div className="flex min-w-0 items-center gap-4 text-sm">
            {/* Cut short on a phone: the whole name is its title. */}
            <span className="truncate" title={actor.name}>{t('nav.signedInAs', { name: actor.name })}</span>
            <SignOutButton />
          </div>
        ) : (
          <Link href="/signin" className="text-sm underline">{t('nav.signIn')}</Link>
        )}
      </nav>
    </header>
  );
}
