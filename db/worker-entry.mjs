// A worker thread starts from plain JavaScript: this registers tsx for the thread (so its
// entry and whatever that imports, even dynamically, may be TypeScript) and loads the entry,
// whether the process itself runs under tsx, Vitest or plain Node.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
