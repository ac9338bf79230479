// express-pouchdb on node:http over LevelDB on disk, run as its own process (as the sync server is) so that
// neither side of the comparison shares an event loop with the counters. Usage: pouch-server.ts <data dir>.
// Prints one JSON line {"url": ...} once it listens; SIGTERM closes the server and exits.
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import leveldbAdapter from 'pouchdb-adapter-leveldb';
import replication from 'pouchdb-replication';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: pouch-server.ts <data dir>\n');
  process.exit(2);
}
mkdirSync(join(dataDir, 'dbs'), { recursive: true });
// The prefix puts every database's LevelDB directory under the data dir (the trailing slash makes it a folder).
const ServerPouch = PouchDB.plugin(leveldbAdapter).plugin(replication).defaults({ prefix: `${join(dataDir, 'dbs')}/`, adapter: 'leveldb' });
// inMemoryConfig: the CouchDB-style config file and log would otherwise be written to the working directory.
const app = expressPouchDB(ServerPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true });
const server = createServer((req, res) => app(req, res));
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
