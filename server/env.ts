import { z } from 'zod';
import { parseTrustedProxies } from './auth/client-address';

const PROXY_SETTING = 'must be 0 (no reverse proxy), 1 (one proxy on this machine or a private network, appending the client\'s '
  + 'address to X-Forwarded-For) or the proxies\' addresses and ranges, comma-separated (e.g. 10.0.0.5,10.0.1.0/24)';

/**
 * Every setting Heilong reads, validated once at start-up. A bad value stops the
 * process with a message naming the variable and what to put there.
 */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL such as postgres://user@host:5432/db (leave unset for the embedded database)')
    .optional(),
  HEILONG_DATA_DIR: z.string().min(1).default('.data'),
  PORT: z.coerce.number().int().min(1, 'must be a port number between 1 and 65535').max(65535, 'must be a port number between 1 and 65535').default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  HEILONG_PUBLIC_URL: z.url('must be the address people open, e.g. https://heilong.example.org').optional(),
  NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`); leave unset to have one generated in the data folder').optional(),
  HEILONG_DEMO: z.enum(['0', '1'], 'must be 1 (create demo team members) or 0').default('0'),
  HEILONG_SEED: z.enum(['0', '1'], 'must be 1 (seed the default programme) or 0').default('1'),
  HEILONG_DEV: z.enum(['0', '1'], 'must be 1 (serve the app with Next.js in development mode, as `npm run dev` does) or 0').default('0'),
  HEILONG_BEHIND_PROXY: z.string().default('0').transform((setting, context) => {
    const proxies = parseTrustedProxies(setting);
    if (!('error' in proxies)) return proxies;
    context.addIssue({ code: 'custom', message: `${PROXY_SETTING}: ${proxies.error}` });
    return z.NEVER;
  }),
  HEILONG_STORAGE_HOLD_MB: z.coerce.number('must be a number of MiB, e.g. 256').int('must be a whole number of MiB, e.g. 256')
    .min(1, 'must be at least 1 (MiB)').max(1_048_576, 'must be at most 1048576 (MiB)').default(256),
  HEILONG_COLLAB_METRICS: z.enum(['0', '1'], 'must be 1 (print collaboration metrics on SIGUSR2, for `npm run bench:collab`) or 0').default('0'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
});

export type Env = z.infer<typeof schema> & { publicUrl: string };

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Heilong cannot start: fix these settings (environment variables)\n${lines.join('\n')}`);
  }
  const env = result.data;
  return { ...env, publicUrl: env.HEILONG_PUBLIC_URL ?? `http://localhost:${env.PORT}` };
}
