'use client';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { t } from '../i18n/messages';
import { Field, FormError, SubmitButton, useFormSubmit } from '../layout/form';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const { form: formHandlers, error, pending } = useFormSubmit(async (form) => {
    const result = await signIn('credentials', { email: form.get('email'), password: form.get('password'), redirect: false });
    if (!result || result.error) {
      throw new Error(result?.error && result.error !== 'CredentialsSignin' ? result.error : t('signIn.failed'));
    }
    router.push(callbackUrl);
    router.refresh();
  });

  return (
    <form {...formHandlers} className="flex max-w-sm flex-col gap-3">
      <Field label={t('signIn.email')} name="email" type="email" autoComplete="email" required />
      <Field label={t('signIn.password')} name="password" type="password" autoComplete="current-password" required />
      <FormError message={error} />
      <SubmitButton pending={pending}>{t('signIn.submit')}</SubmitButton>
    </form>
  );
}
