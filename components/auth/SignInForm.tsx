'use client';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { t } from '../i18n/messages';
import { Field, FormError, SubmitButton } from '../layout/form';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', { email: form.get('email'), password: form.get('password'), redirect: false });
    setPending(false);
    if (!result || result.error) {
      setError(result?.error && result.error !== 'CredentialsSignin' ? result.error : t('signIn.failed'));
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="flex max-w-sm flex-col gap-3">
      <Field label={t('signIn.email')} name="email" type="email" autoComplete="email" required />
      <Field label={t('signIn.password')} name="password" type="password" autoComplete="current-password" required />
      <FormError message={error} />
      <SubmitButton pending={pending}>{t('signIn.submit')}</SubmitButton>
    </form>
  );
}
