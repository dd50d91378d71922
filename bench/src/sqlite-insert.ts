import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * The storage ceiling for posting a message: a bare `node:sqlite` loop inserting one
 * message-shaped row per transaction, with the pragmas the server uses (WAL; `synchronous` as
 * given — the server runs FULL). Nothing else: no Kysely, no other statements, no event loop
 * work in between. Every commit waits for the disk as the server's commits do, so with FULL this
 * is the most single-row transactions per second this disk allows one connection.
 *
 * Runs in the calling process, synchronously (node:sqlite is synchronous), in a temporary
 * directory on the same file system as the server's temporary data directories.
 */

export interface InsertLoopResult {
  synchronous: 'FULL' | 'NORMAL';
  inserts: number;
  seconds: number;
  perSecond: number;
  /** Mean and p99 time of one transaction (insert + commit), in ms. */
  meanMs: number;
  p99Ms: number;
}

export function sqliteInsertLoop(synchronous: 'FULL' | 'NORMAL', seconds: number): InsertLoopResult {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-bench-sqlite-'));
  try {
    const db = new DatabaseSync(join(dir, 'ceiling.sqlite'));
    db.exec('PRAGMA journal_mode = WAL');
    db.exec(`PRAGMA synchronous = ${synchronous}`);
    db.exec(`create table messages (
      id text primary key, channel_id text not null, seq integer not null, author_id text,
      body text not null, created_at text not null, unique (channel_id, seq))`);
    const insert = db.prepare(
      'insert into messages (id, channel_id, seq, author_id, body, created_at) values (?, ?, ?, ?, ?, ?)',
    );
    const begin = db.prepare('begin');
    const commit = db.prepare('commit');
    const channel = randomUUID();
    const author = randomUUID();
    const body = '请把供应商的报价单在周五之前发给我，我们下周一的 meeting 上要讨论合同条款。';
    const times: number[] = [];
    const started = process.hrtime.bigint();
    const deadline = started + BigInt(Math.round(seconds * 1e9));
    let now = started;
    let seq = 0;
    while (now < deadline) {
      const t0 = now;
      begin.run();
      insert.run(randomUUID(), channel, ++seq, author, body, new Date().toISOString());
      commit.run();
      now = process.hrtime.bigint();
      times.push(Number(now - t0) / 1e6);
    }
    db.close();
    const elapsed = Number(now - started) / 1e9;
    times.sort((a, b) => a - b);
    return {
      synchronous,
      inserts: seq,
      seconds: elapsed,
      perSecond: seq / elapsed,
      meanMs: times.reduce((a, b) => a + b, 0) / times.length,
      p99Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]!,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx node bench/src/sqlite-insert.ts` runs it alone.
if (import.meta.main) {
  for (const mode of ['FULL', 'NORMAL'] as const) {
    const r = sqliteInsertLoop(mode, 3);
    console.log(
      `synchronous=${mode}: ${r.perSecond.toFixed(0)} inserts/s (${r.inserts} in ${r.seconds.toFixed(1)} s), ` +
        `mean ${r.meanMs.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(3)} ms per transaction`,
    );
  }
}
