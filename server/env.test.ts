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
    [{ HEILONG_STORAGE_HOLD_MB: 'lots' }, 'HEILONG_STORAGE_HOLD_MB: must be a number of MiB'],
    [{ HEILONG_STORAGE_HOLD_MB: '0' }, 'HEILONG_STORAGE_HOLD_MB: must be at least 1'],
    [{ HEILONG_STORAGE_HOLD_MB: '2.5' }, 'HEILONG_STORAGE_HOLD_MB: must be a whole number'],
    [{ HEILONG_BEHIND_PROXY: 'yes' }, 'HEILONG_BEHIND_PROXY: must be 0 (no reverse proxy), 1 (one proxy on this machine or a private network, appending the client\'s address to X-Forwarded-For) or the proxies\' addresses and ranges, comma-separated (e.g. 10.0.0.5,10.0.1.0/24): “yes” is not an IP address or range'],
    [{ HEILONG_BEHIND_PROXY: '10.0.0.5, 10.0.1.0/33' }, 'HEILONG_BEHIND_PROXY: must be 0 (no reverse proxy), 1 (one proxy on this machine or a private network, appending the client\'s address to X-Forwarded-For) or the proxies\' addresses and ranges, comma-separated (e.g. 10.0.0.5,10.0.1.0/24): “10.0.1.0/33”: a range\'s prefix length is a number from 0 to 32'],
  ])('rejects %o naming the setting', (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(message);
  });

  it('reads how much the collaboration server holds while the database is unreachable, in MiB (256 unless set)', () => {
    expect(parseEnv({}).HEILONG_STORAGE_HOLD_MB).toBe(256);
    expect(parseEnv({ HEILONG_STORAGE_HOLD_MB: '1024' }).HEILONG_STORAGE_HOLD_MB).toBe(1024);
  });

  it('reads development mode from HEILONG_DEV=1', () => {
    expect(parseEnv({ HEILONG_DEV: '1' }).HEILONG_DEV).toBe('1');
  });

  it.each<[string | undefined, string, boolean]>([
    [undefined, '10.0.0.2', false],
    ['1', '10.0.0.2', true],
    ['1', '203.0.113.9', false],
    ['203.0.113.9, 10.0.1.0/24', '203.0.113.9', true],
    ['203.0.113.9, 10.0.1.0/24', '10.0.1.200', true],
    ['203.0.113.9, 10.0.1.0/24', '10.0.2.1', false],
  ])('HEILONG_BEHIND_PROXY=%s: is %s a proxy? %s', (setting, peer, expected) => {
    expect(parseEnv({ HEILONG_BEHIND_PROXY: setting }).HEILONG_BEHIND_PROXY.isProxyPeer(peer)).toBe(expected);
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
