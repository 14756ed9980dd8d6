import { TRPCError } from '@trpc/server';
import { AcceptInviteForm } from '@/components/auth/AcceptInviteForm';
import { t } from '@/components/i18n/messages';
import { ServiceError } from '@/server/services/errors';
import { serverApi } from '@/server/trpc/server-caller';

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { api, actor } = await serverApi();
  const invite = await api.invite.preview({ token }).catch((error: unknown) => {
    // The service's own refusals (used, expired) say what happened; a link that fails the input checks is not valid.
    if (error instanceof TRPCError) return { error: error.cause instanceof ServiceError ? error.message : t('error.invite.invalid') };
    throw error;
  });
  if ('error' in invite) {
    return <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-800">{invite.error}</p>;
  }
  const role = t(`role.${invite.role}`);
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t('invite.title', { programme: invite.programmeName })}</h1>
      <p>
        {invite.firstFacilitator
          ? t('invite.firstFacilitator')
          : invite.teamName
            ? t('invite.asRoleOfTeam', { role, team: invite.teamName })
            : t('invite.asRole', { role })}
      </p>
      {/* Accepting signs in as the new account: someone signed in already should know before they switch. */}
      {actor && <p role="note" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('invite.signedInAlready', { name: actor.name })}</p>}
      <AcceptInviteForm token={token} />
    </section>
  );
}
