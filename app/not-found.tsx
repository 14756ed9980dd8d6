import Link from 'next/link';
import { t } from '@/components/i18n/messages';

/** Unknown addresses, and things this person may not see (they look the same on purpose). */
export default function NotFound() {
  return (
    <section className="flex flex-col gap-3">
      <h1 className="text-2xl font-semibold">{t('notFound.title')}</h1>
      <p>{t('notFound.explanation')}</p>
      <p>
        <Link href="/" className="underline">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
