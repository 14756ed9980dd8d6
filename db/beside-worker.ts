import { loadBesideModule } from './beside';
import { openDatabase } from './client';
import { runWorker, threadData } from './threads';

/** A worker thread with its own PostgreSQL connections, running one `BesideModule`. */
export interface BesideWorkerData {
  url: string;
  entry: string;
  data: unknown;
}

void runWorker(async () => {
  const { url, entry, data } = threadData<BesideWorkerData>();
  const handle = await openDatabase({ url });
  const handlers = await (await loadBesideModule(entry)).createHandlers({ db: handle.db, kind: 'postgres' }, data);
  return {
    ...handlers,
    async close(args: never) {
      await handlers.close?.(args);
      await handle.close();
    },
  };
}, { background: true });
