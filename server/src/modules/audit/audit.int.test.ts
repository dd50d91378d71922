import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { readXlsx } from '../../../test/xlsx.ts';

let t: TestApp;

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function makeHistory(n: number) {
  for (let i = 0; i < n; i++) await t.buildDepartment();
}

describe('audit chain', () => {
  it('records every mutation with actor, target, change, address and request id', async () => {
    const res = await t.request(
      t.adminSession,
      'POST',
      '/api/departments',
      { name: '法务部' },
      {
        'x-request-id': 'req-12345678',
      },
    );
    const page = await t.request(t.adminSession, 'GET', `/api/audit?targetId=${res.body.id}`);
    expect(page.status).toBe(200);
    const [entry] = page.body.items;
    expect(entry).toMatchObject({
      action: 'department.created',
      actor: { id: t.admin.id, label: 'admin', name: '系统管理员' },
      targetType: 'department',
      requestId: 'req-12345678',
      summary: { name: '法务部' },
    });
    expect(entry.ip).toBe('127.0.0.1');
  });

  it('filters by action prefix and pages newest first with a cursor', async () => {
    await makeHistory(5);
    const first = await t.request(t.adminSession, 'GET', '/api/audit?action=department.&limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].seq).toBeGreaterThan(first.body.items[1].seq);
    const second = await t.request(
      t.adminSession,
      'GET',
      `/api/audit?action=department.&limit=2&before=${first.body.nextCursor}`,
    );
    expect(second.body.items[0].seq).toBeLessThan(first.body.items[1].seq);
    const all = await t.request(t.adminSession, 'GET', '/api/audit?action=department.&limit=200');
    expect(all.body.items).toHaveLength(5);
    expect(all.body.nextCursor).toBeNull();
  });

  it('exports matching entries to Excel', async () => {
    await makeHistory(3);
    const as = t.adminSession;
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/audit/export?action=department.',
      headers: { cookie: `liaison_session=${as?.kind === 'session' ? as.token : ''}` },
    });
    expect(res.statusCode).toBe(200);
    const { rows } = await readXlsx(res.rawPayload);
    expect(rows[0]?.slice(0, 4)).toEqual(['序号', '时间', '操作人', '动作']);
    expect(rows.slice(1).map((r) => r[3])).toEqual([
      'department.created',
      'department.created',
      'department.created',
    ]);
    expect(rows[1]?.[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect((await t.services.audit.list({ action: 'audit.exported', limit: 1 })).items).toHaveLength(1);
  });

  it('verifies an intact chain', async () => {
    await makeHistory(3);
    const res = await t.request(t.adminSession, 'GET', '/api/audit/verify');
    expect(res.body.ok).toBe(true);
    expect(res.body.checked).toBeGreaterThanOrEqual(4);
  });

  it('reports the first entry altered directly in the database', async () => {
    await makeHistory(4);
    const victim = (await t.services.audit.list({ action: 'department.created', limit: 10 })).items[2]!;
    await sql`update audit_log set summary = ${'{"name":"篡改"}'} where seq = ${victim.seq}`.execute(
      t.database.db,
    );
    const res = await t.services.audit.verify();
    expect(res.ok).toBe(false);
    expect(res.firstBroken?.seq).toBe(victim.seq);
    expect(res.firstBroken?.reason).toMatch(/altered/);
  });

  it('reports a deleted entry, and entries cut from the end', async () => {
    await makeHistory(4);
    const { rows } = await sql<{ seq: number }>`select max(seq) as seq from audit_log`.execute(t.database.db);
    const last = Number(rows[0]!.seq);
    await sql`delete from audit_log where seq = ${last - 2}`.execute(t.database.db);
    expect((await t.services.audit.verify()).firstBroken?.seq).toBe(last - 2);

    const fresh = await createTestApp();
    try {
      await fresh.buildDepartment();
      await fresh.buildDepartment();
      await sql`delete from audit_log where seq = (select max(seq) from audit_log)`.execute(
        fresh.database.db,
      );
      const res = await fresh.services.audit.verify();
      expect(res.ok).toBe(false);
      expect(res.firstBroken?.reason).toMatch(/deleted/);
    } finally {
      await fresh.close();
    }
  });

  it('stays one unbroken chain under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 20 }, () => t.buildDepartment()));
    const res = await t.services.audit.verify();
    expect(res.ok).toBe(true);
  });

  it('cannot be re-chained without the secret key', async () => {
    await makeHistory(2);
    // An attacker with database access rewrites an entry and recomputes a plain SHA-256: still detected.
    const { createHash } = await import('node:crypto');
    const forged = createHash('sha256').update('anything').digest('hex');
    await sql`update audit_log set hash = ${forged} where seq = 2`.execute(t.database.db);
    expect((await t.services.audit.verify()).firstBroken?.seq).toBe(2);
  });
});
