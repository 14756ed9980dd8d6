import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('gives zero-set-up defaults', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, HEILONG_DATA_DIR: '.data', publicUrl: 'http://localhost:3000' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.HEILONG_DEV).toBe('0');
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: must be a PostgreSQL URL'],
    [{ PORT: 'eighty' }, 'PORT:'],
    [{ PORT: '70000' }, 'PORT: must be a port number'],
    [{ NEXTAUTH_SECRET: 'short' }, 'NEXTAUTH_SECRET: must be at least 32 characters'],
    [{ HEILONG_DEMO: 'yes' }, 'HEILONG_DEMO: must be 1'],
    [{ HEILONG_DEV: 'true' }, 'HEILONG_DEV: must be 1'],
    [{ HEILONG_COLLAB_METRICS: 'on' }, 'HEILONG_COLLAB_METRICS: must be 1'],
    [{ HEILONG_BEHIND_PROXY: 'yes' }, 'HEILONG_BEHIND_PROXY: must be 1'],
  ])('rejects %o naming the setting', (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(message);
  });

  it('reads development mode from HEILONG_DEV=1', () => {
    expect(parseEnv({ HEILONG_DEV: '1' }).HEILONG_DEV).toBe('1');
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
