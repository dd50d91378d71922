import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { openDatabase } from '../db/database.ts';
import { LocalBlobStore } from './blob-store.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const scratch = () => mkdtempSync(join(tmpdir(), 'liaison-modes-'));

describe('files in the data directory are the service account’s alone', () => {
  it('creates the data directory 0700 and the database, its WAL and shared-memory files 0600', async () => {
    const dataDir = join(scratch(), 'data');
    const file = join(dataDir, 'liaison.sqlite');
    const database = openDatabase({ kind: 'sqlite', file });
    try {
      await sql`create table t (x integer)`.execute(database.db);
      await sql`insert into t values (1)`.execute(database.db);
      expect(modeOf(dataDir)).toBe(0o700);
      for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(path), path).toBe(0o600);
    } finally {
      await database.close();
    }
  });

  it('tightens a data directory and database an earlier version left readable by others', async () => {
    const dataDir = scratch();
    chmodSync(dataDir, 0o755);
    const file = join(dataDir, 'liaison.sqlite');
    const first = openDatabase({ kind: 'sqlite', file });
    await sql`create table t (x integer)`.execute(first.db);
    await first.close();
    for (const path of [file, `${file}-wal`, `${file}-shm`]) {
      try {
        chmodSync(path, 0o644);
      } catch {}
    }
    const again = openDatabase({ kind: 'sqlite', file });
    try {
      await sql`insert into t values (1)`.execute(again.db);
      expect(modeOf(dataDir)).toBe(0o700);
      for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(path), path).toBe(0o600);
    } finally {
      await again.close();
    }
  });

  it('writes the generated secret key 0600 into a 0700 data directory, and tightens an old one', () => {
    const cwd = scratch();
    loadConfig({}, cwd);
    expect(modeOf(join(cwd, 'data'))).toBe(0o700);
    expect(modeOf(join(cwd, 'data', 'secret.key'))).toBe(0o600);

    const old = scratch();
    const key = join(old, 'secret.key');
    writeFileSync(key, `${'ab'.repeat(32)}\n`, { mode: 0o644 });
    chmodSync(key, 0o644);
    loadConfig({ LIAISON_DATA_DIR: old }, old);
    expect(modeOf(key)).toBe(0o600);
  });

  it('stores blobs 0600 in 0700 folders', async () => {
    const root = join(scratch(), 'blobs');
    const blobs = new LocalBlobStore(root);
    await blobs.put('attachments/2026-01/abc', Buffer.from('合同'));
    expect(modeOf(root)).toBe(0o700);
    expect(modeOf(join(root, 'attachments'))).toBe(0o700);
    expect(modeOf(join(root, 'attachments', '2026-01'))).toBe(0o700);
    expect(modeOf(join(root, 'attachments', '2026-01', 'abc'))).toBe(0o600);
  });
});
