import { SignInForm } from '@/components/auth/SignInForm';
import { t } from '@/components/i18n/messages';
import { localPath } from '@/components/layout/page-errors';

export const metadata = { title: t('signIn.title') };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only local paths: a sign-in link must not redirect to another site.
  const target = localPath(callbackUrl);
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t('signIn.title')}</h1>
      <SignInForm callbackUrl={target} />
    </section>
  );
}
