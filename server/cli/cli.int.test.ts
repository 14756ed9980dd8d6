import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm run heilong -- <command>` as an administrator runs it, against its own
 * embedded database (or PostgreSQL when the test run uses it).
 */
let dataDir: string;
let databaseUrl = '';
let dropDatabase = async () => undefined as void;

function heilong(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args], {
    env: { ...process.env, HEILONG_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, HEILONG_PUBLIC_URL: 'https://heilong.example.org' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'heilong-cli-'));
  const serverUrl = process.env.HEILONG_TEST_DATABASE_URL;
  if (serverUrl) {
    const { createThrowawayDatabase } = await import('../testing/database');
    const throwaway = await createThrowawayDatabase(serverUrl);
    databaseUrl = throwaway.url;
    dropDatabase = throwaway.drop;
  }
});

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await dropDatabase();
});

describe('npm run heilong', { timeout: 120_000 }, () => {
  it('migrates and seeds, idempotently', () => {
    expect(heilong('migrate')).toMatchObject({ status: 0, out: 'Database is migrated.\n' });
    const first = heilong('seed');
    expect(first.status).toBe(0);
    expect(heilong('seed').out).toBe(first.out);
  });

  it('creates a facilitator with a generated password printed once, and refuses a second account for the email', () => {
    const created = heilong('create-facilitator', '--email', 'Ann@Example.org', '--name', 'Ann');
    expect(created.status).toBe(0);
    expect(created.out).toMatch(/Facilitator Ann@Example.org created for Amur-Heilong Ecoregion Complex\.\nPassword \(shown once\): \S{16}\n/);
    const again = heilong('create-facilitator', '--email', 'ann@example.org', '--name', 'Ann again');
    expect(again.status).toBe(1);
    expect(again.err).toContain('An account with this email already exists.');
  });

  it('creates single-use invitation links, and names what is wrong', () => {
    const invite = heilong('invite', '--role', 'member', '--team', 'china');
    expect(invite.status).toBe(0);
    expect(invite.out).toMatch(/^Invitation \(member\), valid 7 days until .+:\nhttps:\/\/heilong\.example\.org\/invite\/[A-Za-z0-9_-]{43}\n$/);
    expect(heilong('invite', '--role', 'member', '--team', 'atlantis')).toMatchObject({ status: 1, err: expect.stringContaining('No team "atlantis"') });
    expect(heilong('invite', '--role', 'chair')).toMatchObject({ status: 1, err: expect.stringContaining('--role must be one of facilitator, member, observer') });
    expect(heilong('invite', '--role', 'member')).toMatchObject({ status: 1, err: expect.stringContaining('A team member invitation needs a country team.') });
  });

  it('creates one demo member per country team, printing the passwords only when created', () => {
    const first = heilong('demo');
    expect(first.status).toBe(0);
    for (const team of ['china', 'mongolia', 'russia']) expect(first.out).toMatch(new RegExp(`demo-${team}@heilong\\.local  \\S{12}`));
    expect(heilong('demo').out).toBe('Demo members are in place.\n');
  });

  it('prints its usage; an unknown command is an error', () => {
    expect(heilong()).toMatchObject({ status: 0, out: expect.stringContaining('Heilong administration') });
    expect(heilong('frobnicate')).toMatchObject({ status: 1, err: expect.stringContaining('unknown command "frobnicate"') });
  });
});
