import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';

/**
 * Starts Heilong the way a user does (`npm start`: build if needed, embedded
 * database in a fresh data folder) and hands the printed first-start link to the
 * specs through the environment.
 */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]!.use.baseURL!;
  const port = new URL(baseURL).port;
  const dataDir = mkdtempSync(join(tmpdir(), 'heilong-e2e-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/start.ts'], {
    env: { ...process.env, PORT: port, HEILONG_DATA_DIR: dataDir, HEILONG_PUBLIC_URL: baseURL, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  // The server's whole output, for specs that check what it logs.
  const log = join(dataDir, 'server.log');
  process.env.HEILONG_E2E_SERVER_LOG = log;
  const setupLink = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Heilong did not start within 5 minutes:\n${output}`)), 300_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      appendFileSync(log, chunk);
      const link = output.match(/(http\S+\/invite\/[A-Za-z0-9_-]{43})/)?.[1];
      if (link && output.includes('Heilong is running')) {
        clearTimeout(timer);
        resolve(link);
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code) => reject(new Error(`Heilong exited (${code}) before it was ready:\n${output}`)));
  });
  process.env.HEILONG_E2E_SETUP_LINK = setupLink;
  return async () => {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
