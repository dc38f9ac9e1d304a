// The background sync's worker thread (see background.ts): opens the same store on its own
// connection, runs `repo.sync` there and posts its result (its progress is in the sync's lock
// file, for `repo.status` in any process).

import { parentPort, workerData } from 'node:worker_threads';
import { openWorkstation } from '../workstation';
import type { WorkerInput, WorkerMessage } from './background';

const port = parentPort;
if (!port) throw new Error('sync-worker runs as a worker thread');
const { dataDir, nativeBinding } = workerData as WorkerInput;
const post = (message: WorkerMessage): void => port.postMessage(message);
const ws = openWorkstation(dataDir, {
  nativeBinding,
  onInternalError: (error) => process.stderr.write(`oncall: internal error in repo.sync: ${String(error)}\n`),
});
try {
  post({ type: 'done', result: ws.table.invoke('repo.sync', {}) });
} finally {
  ws.close();
}
