// A worker thread starts from plain JavaScript: this loads its TypeScript entry through tsx,
// whether the process itself runs under tsx, Vitest or plain Node.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
