#!/usr/bin/env node
// Starts the test sync server — PouchDB Server in memory, which speaks CouchDB's HTTP API and
// replication protocol — on 127.0.0.1, in a directory of its own (it writes its config and
// log where it runs), and prints its URL once it answers. It stops with this process.
//
//   node scripts/sync-server.mjs [port]        (default 5984)
//
// The tests use `start(port)` from this module instead, which returns { url, stop }.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'tests', 'sync-server', 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');

/** Starts the server on `port`; resolves once it answers. */
export async function start(port = 5984) {
  const dir = mkdtempSync(join(tmpdir(), 'crm-sync-'));
  const child = spawn(process.execPath, [bin, '--in-memory', '--port', String(port), '--host', '127.0.0.1', '-n'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (d) => { errors += d; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the sync server stopped: ${errors}`);
    try {
      const r = await fetch(url + '/');
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`the sync server did not answer on ${url} in 30 s: ${errors}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill();
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url, stop, child };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.argv[2] ?? 5984);
  const server = await start(port);
  console.log(server.url);
  const quit = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}
