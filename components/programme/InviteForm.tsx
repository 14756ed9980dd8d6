'use client';
import { useRef, useState } from 'react';
import type { Role } from '@/server/domain/policy';
import { formatDateTime, t } from '../i18n/messages';
import { trpc } from '../trpc/client';
import { CopyButton } from '../layout/CopyButton';
import { FormError, SubmitButton, useFormSubmit } from '../layout/form';

/** Most invitations are for team members; facilitator, the role that can do everything, is last, not first. */
const INVITED_ROLES: readonly Role[] = ['member', 'observer', 'facilitator'];

export function InviteForm({ programmeId, teams }: { programmeId: string; teams: { id: string; name: string }[] }) {
  const [role, setRole] = useState<Role>('member');
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const shownLink = useRef<HTMLOutputElement>(null);
  const { form: formHandlers, error, pending } = useFormSubmit(async (form) => {
    const teamId = role === 'member' ? String(form.get('teamId')) : null;
    setLink(await trpc.invite.create.mutate({ programmeId, role, teamId }));
  });

  return (
    <form {...formHandlers} className="flex max-w-xl flex-col gap-3">
      <div className="flex gap-4">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t('invite.role')}</span>
          <select name="role" aria-label={t('invite.role')} value={role} onChange={(e) => setRole(e.target.value as Role)} className="rounded border border-stone-300 px-2 py-1.5">
            {INVITED_ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </label>
        {role === 'member' && (
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">{t('invite.team')}</span>
            <select name="teamId" aria-label={t('invite.team')} className="rounded border border-stone-300 px-2 py-1.5">
              {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
            </select>
          </label>
        )}
      </div>
      <FormError message={error} />
      <SubmitButton pending={pending}>{t('invite.createSubmit')}</SubmitButton>
      {link && (
        <div className="flex flex-col gap-1">
          <p className="text-sm">
            {t('invite.link', { expires: formatDateTime(new Date(link.expiresAt)) })}{' '}
            <output ref={shownLink} aria-label={t('invite.linkLabel')} className="block break-all font-mono">{link.url}</output>
          </p>
          {/* Remounted for each new link: "Link copied." said of the previous one would not be true of it. */}
          <CopyButton key={link.url} text={link.url} shown={shownLink} label="invite.copy" done="invite.copied" byHand="invite.copyByHand" />
        </div>
      )}
    </form>
  );
}
