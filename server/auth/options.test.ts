import { describe, expect, it, vi } from 'vitest';
import { t } from '../../components/i18n/messages';
import { authOptions } from './options';

/** What the sign-in form shows comes from the catalogue, whatever went wrong underneath. */
describe('sign-in failures', () => {
  const provider = authOptions.providers[0] as unknown as { options: { authorize(credentials: Record<string, string>): Promise<unknown> } };

  it('a failure that is not the person\'s (here: no running server) reads as a server problem, with no internals', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const failure = await provider.options.authorize({ email: 'someone@example.org', password: 'secret-password' }).catch((error: Error) => error);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toBe(t('error.internal'));
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});
