/**
 * The collaboration server alone, as its own process, for tests that kill it
 * (durability.int.test.ts). Settings from the environment:
 *
 *   DATABASE_URL           a PostgreSQL database, or
 *   HEILONG_DATA_DIR       a PGlite data folder (the test prepares it and closes it first)
 *   HEILONG_COLLAB_SECRET  signs and checks tickets
 *   PORT                   where to listen on 127.0.0.1 (0: any free port)
 *
 * Prints `ready <port>` once listening; SIGTERM stops it cleanly (pending updates stored).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../../db/client';
import { createCollabServer } from '../collab/server';
import { createServices } from '../services/create';

const secret = process.env.HEILONG_COLLAB_SECRET;
const url = process.env.DATABASE_URL;
const dataDir = process.env.HEILONG_DATA_DIR;
if (!secret || (!url && !dataDir)) {
  console.error('collab-process: set HEILONG_COLLAB_SECRET and DATABASE_URL or HEILONG_DATA_DIR');
  process.exit(2);
}

const handle = await openDatabase(url ? { url } : { dataDir: dataDir! });
const services = createServices(handle, { publicUrl: 'http://collab.test', authSecret: secret });
const collab = createCollabServer({ services, secret });
const http = createServer((_req, res) => res.writeHead(404).end());
http.on('upgrade', (req, socket, head) => {
  if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
});
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`ready ${(http.address() as AddressInfo).port}`);
});

process.once('SIGTERM', () => {
  setTimeout(() => process.exit(1), 10_000).unref();
  void (async () => {
    await collab.close();
    await new Promise((resolve) => http.close(resolve));
    await handle.close();
    process.exit(0);
  })();
});
