// Worker threads start from plain JavaScript: this loads the TypeScript worker through tsx,
// whether the process itself runs under tsx, Vitest or plain Node.
import { tsImport } from 'tsx/esm/api';

await tsImport('./pglite-worker.ts', import.meta.url);
