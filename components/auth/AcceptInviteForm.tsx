'use client';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { MIN_PASSWORD_LENGTH } from '@/server/auth/password-policy';
import { t } from '../i18n/messages';
import { trpc } from '../trpc/client';
import { Field, FormError, SubmitButton, useFormSubmit } from '../layout/form';

export function AcceptInviteForm({ token }: { token: string }) {
  const router = useRouter();
  const { form: formHandlers, error, pending } = useFormSubmit(async (form) => {
    const account = { name: String(form.get('name')), email: String(form.get('email')), password: String(form.get('password')) };
    await trpc.invite.accept.mutate({ token, ...account });
    await signIn('credentials', { email: account.email, password: account.password, redirect: false });
    router.push('/');
    router.refresh();
  });

  // No length limits on the fields: a browser cuts a longer paste without a word, and a password cut that way is not
  // the one the person (or their password manager) keeps. The server says what is too long; the form keeps it all.
  return (
    <form {...formHandlers} className="flex max-w-sm flex-col gap-3">
      <Field label={t('invite.name')} name="name" autoComplete="name" required />
      <Field label={t('invite.email')} name="email" type="email" autoComplete="email" required />
      <Field label={t('invite.password', { minimum: MIN_PASSWORD_LENGTH })} name="password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} />
      <FormError message={error} />
      <SubmitButton pending={pending}>{t('invite.submit')}</SubmitButton>
    </form>
  );
}
