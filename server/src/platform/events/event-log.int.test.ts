import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import type { NewEvent } from './event-log.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the event log', () => {
  it('refuses, in the test suite, an event that breaks the clients’ contract, and appends nothing', async () => {
    const before = await t.services.events.latestSeq();
    // What the compiler refuses too; the cast stands for a payload built from untyped data.
    const broken = {
      userIds: [t.admin.id],
      payload: { type: 'task.changed', taskId: null },
    } as unknown as NewEvent;
    await expect(
      t.database.db.transaction().execute((trx) => t.services.events.append(trx, broken)),
    ).rejects.toThrow();
    expect(await t.services.events.latestSeq()).toBe(before);
  });

  it('stores the type from the payload, and internal events unchecked', async () => {
    const before = await t.services.events.latestSeq();
    await t.database.db.transaction().execute(async (trx) => {
      await t.services.events.append(
        trx,
        { userIds: [t.admin.id], payload: { type: 'task.changed', taskId: t.admin.id } },
        { payload: { type: 'org.changed' } },
      );
    });
    const stored = await t.services.events.since(before, 10);
    expect(stored.map((e) => e.type)).toEqual(['task.changed', 'org.changed']);
  });
});
