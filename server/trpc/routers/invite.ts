import { z } from 'zod';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../auth/password-policy';
import { ROLES } from '../../domain/policy';
import { acceptInvite, createInvite, previewInvite } from '../../services/invite';
import { facilitatorProcedure, inputError, publicProcedure, recordId, router, typedName } from '../init';

// A link cut short or pasted twice is simply not a valid link.
const token = z.string().min(1, inputError('error.invite.invalid')).max(200, inputError('error.invite.invalid'));

export const inviteRouter = router({
  create: facilitatorProcedure
    .input(z.object({ role: z.enum(ROLES), teamId: recordId().nullable().default(null) }))
    .mutation(({ ctx, input }) => createInvite(ctx.services, ctx.actor, input)),
  preview: publicProcedure.input(z.object({ token })).query(({ ctx, input }) => previewInvite(ctx.services, input.token)),
  accept: publicProcedure
    .input(z.object({
      token,
      name: typedName().min(1, inputError('error.input.name')).max(MAX_NAME_LENGTH, inputError('error.input.nameTooLong')),
      email: z.email(inputError('error.input.email')).max(MAX_EMAIL_LENGTH, inputError('error.input.emailTooLong')),
      password: z.string().min(MIN_PASSWORD_LENGTH, inputError('error.input.passwordTooShort')).max(MAX_PASSWORD_LENGTH, inputError('error.input.passwordTooLong')),
    }))
    .mutation(({ ctx, input: { token, ...account } }) => acceptInvite(ctx.services, token, account)),
});
