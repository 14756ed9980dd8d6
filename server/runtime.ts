import type { Env } from './env';
import type { Services } from './services/context';

/**
 * The started process's services. The custom server creates them once; Next's
 * route handlers run in the same process but in separately bundled modules, so
 * they find the instance through a global symbol rather than a module variable.
 */
export interface Runtime {
  env: Env;
  services: Services;
}

const KEY = Symbol.for('heilong.runtime');
type Holder = { [KEY]?: Runtime };

export function setRuntime(runtime: Runtime): void {
  (globalThis as Holder)[KEY] = runtime;
}

export function getRuntime(): Runtime {
  const runtime = (globalThis as Holder)[KEY];
  if (!runtime) throw new Error('Heilong is not started: run it with `npm start` (server/main.ts), not `next start`.');
  return runtime;
}
