import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * WAL pages after which the serving connection checkpoints by itself. Under steady writes the WAL only restarts
 * after a checkpoint that catches up completely, which the worker rarely manages while frames keep arriving; this
 * one is cheap (the worker has copied nearly everything) and caps the WAL file at ~16 MB.
 */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 4000;
/** SQLite's own default, restored if the worker cannot run. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/**
 * The worker checkpoints this soon after a checkpoint that had work, and backs off up to IDLE_MS when idle. Not
 * more often: each checkpoint ends in fsyncs, and file creation (the outbox) waits on the filesystem journal meanwhile.
 */
const BUSY_MS = 250;
const IDLE_MS = 1000;

/**
 * Runs in the worker (plain CommonJS, so it needs neither tsx nor a bundle entry): its own connection to the same
 * file, PASSIVE checkpoints (never waiting for, nor blocking, the serving connection), backing off while idle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
let delay = workerData.busyMs;
let timer;
function tick() {
  let copied = 0;
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    copied = result ? result.checkpointed : 0;
  } catch {
    copied = 0;
  }
  delay = copied > 0 ? workerData.busyMs : Math.min(workerData.idleMs, delay * 2);
  timer = setTimeout(tick, delay);
}
timer = setTimeout(tick, delay);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

/** Stops the checkpoint worker; the serving connection takes over checkpointing again. */
export interface BackgroundCheckpointer {
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the event loop. A checkpoint copies the WAL into the database and fsyncs both; run by
 * the serving connection (SQLite's default, every 1000 pages) it stalled every request for 10–30 ms each time and
 * took ~15% of a signup's time. A worker thread with its own connection does it instead, and the serving
 * connection keeps a far higher threshold as a backstop, so nothing grows unbounded if the worker dies.
 */
export function startBackgroundCheckpoints(db: Database.Database, log: (line: string) => void): BackgroundCheckpointer {
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // Not the parent's flags: the worker needs no TypeScript loader, and loading one would cost ~50 ms and memory.
    execArgv: [],
    workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file: db.name, busyMs: BUSY_MS, idleMs: IDLE_MS },
    resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
  });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (error: Error) => {
    log(`WAL checkpoint worker failed (${error.message}); the server checkpoints by itself again.`);
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  });
  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        worker.postMessage('stop');
        // A worker stuck in a checkpoint still ends: terminate after a grace period.
        const grace = setTimeout(() => void worker.terminate(), 2000);
        await exited;
        clearTimeout(grace);
        if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
      })();
      return stopping;
    },
  };
}
