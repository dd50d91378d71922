import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
let database: TestDatabase;
let env: NodeJS.ProcessEnv;

function liaison(...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { PATH, HOME } = process.env;
  env = { PATH, HOME, LIAISON_SECRET_KEY: randomBytes(32).toString('hex') };
  if (database.location.kind === 'postgres') env.DATABASE_URL = database.location.url;
  else env.LIAISON_DATA_DIR = database.location.dataDir;
});
afterAll(() => database.drop());

describe('npm run liaison -- …', () => {
  it('migrates, seeds the demo company and verifies an intact audit chain', async () => {
    expect((await liaison('migrate')).out).toContain('up to date');
    const seeded = await liaison('seed', '--demo');
    expect(seeded.code).toBe(0);
    expect(seeded.out).toContain('demo company created');
    const users = await database.db.selectFrom('users').select('username').execute();
    expect(users.length).toBeGreaterThanOrEqual(30);
    const depts = await database.db.selectFrom('departments').select('name').execute();
    expect(depts.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        '总经办',
        '市场部',
        '销售部',
        '采购部',
        '法务部',
        '行政部',
        '人力资源部',
        '信息部',
      ]),
    );
    expect((await liaison('seed', '--demo')).out).toContain('nothing seeded');
    const verify = await liaison('audit', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/intact: \d+ entries/);
  }, 120_000);

  it('creates a user and resets a password', async () => {
    const created = await liaison(
      'user',
      'create',
      '--username',
      'cli.user',
      '--name',
      '命令行',
      '--department',
      'MKT',
      '--role',
      'hr',
    );
    expect(created.code, created.out).toBe(0);
    expect(created.out).toMatch(/temporary password .*: \S{16}/);
    const dup = await liaison('user', 'create', '--username', 'cli.user', '--name', 'x');
    expect(dup.code).toBe(1);
    expect(dup.out).toContain('conflict');
    const reset = await liaison('user', 'reset-password', 'cli.user');
    expect(reset.out).toMatch(/temporary password for cli.user/);
    const chosen = await liaison('user', 'reset-password', 'admin', '--password', 'Chosen-password-1');
    expect(chosen.code, chosen.out).toBe(0);
    expect((await liaison('user', 'reset-password', 'admin', '--password', 'weak')).code).toBe(1);
    // The CLI applies the API's rules: lower-cased username, password strength.
    expect((await liaison('user', 'create', '--username', 'Li.Lei', '--name', '李雷')).code).toBe(0);
    expect((await liaison('user', 'reset-password', 'li.lei')).code).toBe(0);
    const weak = await liaison('user', 'create', '--username', 'weak.one', '--name', '弱', '--password', '1');
    expect(weak.code).toBe(1);
    expect(weak.out).toContain('password');
    // Eight processes one after another, each starting the server's code: slow on a busy machine.
  }, 120_000);

  it('reports the broken entry after a row is altered in the database', async () => {
    await sql`update audit_log set actor_label = ${'someone-else'} where seq = 5`.execute(database.db);
    const verify = await liaison('audit', 'verify');
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('BROKEN at entry 5');
  });

  it('takes a consistent backup of the embedded database', async () => {
    if (database.location.kind !== 'sqlite') return;
    const out = join(database.location.dataDir, 'backup-test.sqlite');
    const res = await liaison('backup', '--out', out);
    expect(res.code, res.out).toBe(0);
    expect(existsSync(out)).toBe(true);
    // A backup is the whole database: readable by the service's account only.
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const copy = new DatabaseSync(out, { readOnly: true });
    const row = copy.prepare('select count(*) as n from users').get() as { n: number };
    copy.close();
    expect(row.n).toBeGreaterThanOrEqual(30);
  });

  it('explains its usage for unknown commands and bad configuration', async () => {
    const unknown = await liaison('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('Usage');
    const saved = env;
    env = { ...env, PORT: 'not-a-port' };
    const bad = await liaison('migrate');
    env = saved;
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('PORT');
  });
});
