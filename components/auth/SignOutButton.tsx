'use client';
import { signOut } from 'next-auth/react';
import { t } from '../i18n/messages';
import { forgetOfflinePages } from '../layout/OfflineSupport';

export function SignOutButton() {
  return (
    <button type="button" className="shrink-0 whitespace-nowrap rounded border border-stone-300 px-2 py-1 hover:bg-stone-100" onClick={() => void forgetOfflinePages().then(() => signOut({ callbackUrl: '/' }))}>
      {t('nav.signOut')}
    </button>
  );
}
