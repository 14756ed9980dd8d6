import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm start`: builds the app when there is no build or the sources are newer than
 * it, then starts the server. A fresh clone needs nothing but `npm install`.
 */
const root = new URL('..', import.meta.url).pathname;
// The machine may have no internet; Next's anonymous telemetry would only time out.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const SOURCES = ['app', 'components', 'public', 'server', 'db', 'next.config.js', 'package.json', 'postcss.config.mjs'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const buildId = join(root, '.next', 'BUILD_ID');
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
if (builtAt < Math.max(...SOURCES.map((s) => newestMtime(join(root, s))))) {
  console.log('Building Heilong (first start or changed sources)…');
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import('./main');
