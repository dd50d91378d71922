import type { User } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app.ts';
import { plaintextLocations } from '../../../test/plaintext.ts';
import { FieldCipher } from '../../platform/crypto/keys.ts';
import { rewriteHeldEvents } from '../../platform/db/migrations/0007_control_sealed.ts';
import { prepare } from '../../startup.ts';

/**
 * A database upgraded from before 0007 holds what communication control caught in plaintext, and
 * logged `held.updated` events with the held message's text. The server reads those rows as they
 * are, and seals them at start-up; the migration slims the logged events.
 */

const ID = '11010519491231002X';
const HELD_CARD = '6222021234567890128';
const PENDING_CARD = '6217001234567893';
const EMAIL = 'huang.li.legacy@example.cn';

let t: TestApp;
let seller: User;
let sellerAs: As;
let contactAs: As;
let complianceAs: As;
let channelId: string;
const ids = { blocked: '', held: '', heldEvent: '', pending: '', redacted: '' };

beforeAll(async () => {
  t = await createTestApp();
  const counterparty = await t.buildCounterparty('星河零售集团');
  seller = await t.buildUser({ username: 'huang.li', roles: ['liaison'] });
  const contact = await t.buildUser({ username: 'deng.jg', kind: 'external', counterparty });
  const compliance = await t.buildUser({ username: 'zhu.lin', roles: ['compliance_officer'] });
  sellerAs = await t.sessionFor(seller);
  contactAs = await t.sessionFor(contact);
  complianceAs = await t.sessionFor(compliance);
  channelId = (
    await t.request(sellerAs, 'POST', '/api/channels', {
      kind: 'external',
      name: '星河零售集团-项目沟通群',
      counterpartyId: counterparty.id,
      memberIds: [contact.id],
    })
  ).body.id;
  const policy = await t.request(complianceAs, 'POST', '/api/control/policies', {
    name: '个人信息对外保护',
    scope: { direction: 'external' },
    rules: [
      { name: '身份证号码', detectors: ['cn_id_card'], minConfidence: 0.8, action: 'block' },
      { name: '银行卡号', detectors: ['bank_card'], minConfidence: 0.8, action: 'hold' },
      { name: '邮箱地址', detectors: ['email'], action: 'redact' },
    ],
  });
  expect(policy.status).toBe(201);

  const post = (body: string) => t.request(sellerAs, 'POST', `/api/channels/${channelId}/messages`, { body });
  expect((await post(`联系人身份证号 ${ID}`)).status).toBe(422);
  ids.held = (await post(`货款打到银行卡 ${HELD_CARD}，回执发 ${EMAIL}`)).body.id;
  ids.pending = (await post(`备用银行卡 ${PENDING_CARD}`)).body.id;
  ids.redacted = (await post(`报价单请发 ${EMAIL}`)).body.id;
  const events = (await t.request(complianceAs, 'GET', '/api/control/events?pageSize=100')).body.items;
  ids.blocked = events.find((e: { outcome: string }) => e.outcome === 'blocked').id;
  ids.heldEvent = events.find((e: { content: string }) => e.content.includes('回执发')).id;

  await asBeforeSealing();
});
afterAll(() => t.close());

/** Turns the stored rows back into what a database from before 0007 holds. */
async function asBeforeSealing(): Promise<void> {
  const db = t.database.db;
  const cipher = new FieldCipher(t.secretKey);
  for (const e of await db.selectFrom('control_events').select(['id', 'content']).execute()) {
    await db
      .updateTable('control_events')
      .set({ content: cipher.decrypt(e.content), sealed: 0 })
      .where('id', '=', e.id)
      .execute();
  }
  for (const h of await db.selectFrom('held_messages').select(['id', 'body', 'delivered_body']).execute()) {
    await db
      .updateTable('held_messages')
      .set({
        body: cipher.decrypt(h.body),
        delivered_body: cipher.decryptNullable(h.delivered_body),
        sealed: 0,
      })
      .where('id', '=', h.id)
      .execute();
  }
  for (const r of await db
    .selectFrom('message_revisions')
    .select(['id', 'body'])
    .where('kind', '=', 'redact')
    .execute()) {
    await db
      .updateTable('message_revisions')
      .set({ body: cipher.decrypt(r.body), sealed: 0 })
      .where('id', '=', r.id)
      .execute();
  }
  // The events of held messages, as they were logged: the whole held message.
  for (const e of await db
    .selectFrom('events')
    .select(['seq', 'payload'])
    .where('type', '=', 'held.updated')
    .execute()) {
    const { channelId: channel, heldId } = JSON.parse(e.payload) as { channelId: string; heldId: string };
    const body =
      heldId === ids.held ? `货款打到银行卡 ${HELD_CARD}，回执发 ${EMAIL}` : `备用银行卡 ${PENDING_CARD}`;
    const held = { id: heldId, channelId: channel, body, status: 'held', rules: ['银行卡号'] };
    await db
      .updateTable('events')
      .set({ payload: JSON.stringify({ type: 'held.updated', channelId: channel, held }) })
      .where('seq', '=', e.seq)
      .execute();
  }
}

describe('content stored before sealing', () => {
  it('is in plaintext at first, as an upgraded database has it', async () => {
    expect(await plaintextLocations(t.database, [ID, HELD_CARD, PENDING_CARD, EMAIL])).toEqual([
      'control_events.content',
      'events.payload',
      'held_messages.body',
      'held_messages.delivered_body',
      'message_revisions.body',
    ]);
  });

  it('loses the held messages from its logged events in the migration', async () => {
    expect(await rewriteHeldEvents(t.database.db as unknown as Kysely<unknown>)).toBe(2);
    expect(await plaintextLocations(t.database, [PENDING_CARD, HELD_CARD])).not.toContain('events.payload');
    const logged = await t.services.events.since(0, 1000);
    for (const e of logged.filter((x) => x.type === 'held.updated'))
      expect(Object.keys(e.payload).sort()).toEqual(['channelId', 'heldId', 'type']);
    expect(await rewriteHeldEvents(t.database.db as unknown as Kysely<unknown>)).toBe(0);
  });

  it('is read as it is until sealed: by reviewers (audited), the sender, the history', async () => {
    const opened = await t.request(complianceAs, 'GET', `/api/control/events/${ids.blocked}`);
    expect(opened.body.content).toContain(ID);
    const list = (await t.request(complianceAs, 'GET', '/api/control/events?pageSize=100')).body.items;
    expect(JSON.stringify(list)).not.toContain(ID);
    const mine = (await t.request(sellerAs, 'GET', `/api/channels/${channelId}/held`)).body.items;
    expect(mine.map((h: { body: string }) => h.body)).toContain(`备用银行卡 ${PENDING_CARD}`);
    const history = await t.request(
      complianceAs,
      'GET',
      `/api/channels/${channelId}/messages/${ids.redacted}/history`,
    );
    expect(history.body.revisions[0].body).toBe(`报价单请发 ${EMAIL}`);
  });

  it('delivers a held message stored in plaintext, masked where a redact rule matched', async () => {
    const approved = await t.request(complianceAs, 'POST', `/api/control/events/${ids.heldEvent}/decision`, {
      decision: 'approve',
    });
    expect(approved.status).toBe(200);
    const delivered = await t.request(contactAs, 'GET', `/api/channels/${channelId}/messages/${ids.held}`);
    expect(delivered.body.body).toContain(HELD_CARD);
    expect(delivered.body.body).not.toContain(EMAIL);
  });

  it('is sealed at start-up, once, and still read the same', async () => {
    await prepare(t.database, t.services, { adminPassword: TEST_PASSWORD });
    expect(await plaintextLocations(t.database, [ID, PENDING_CARD, EMAIL])).toEqual([]);
    const sealed = async (table: 'control_events' | 'held_messages' | 'message_revisions') =>
      (await t.database.db.selectFrom(table).select('sealed').execute()).map((r) => r.sealed);
    expect(new Set(await sealed('control_events'))).toEqual(new Set([1]));
    expect(new Set(await sealed('held_messages'))).toEqual(new Set([1]));
    expect(await t.services.review.sealStored()).toBe(0);
    expect(await t.services.messages.sealStored()).toBe(0);

    const opened = await t.request(complianceAs, 'GET', `/api/control/events/${ids.blocked}`);
    expect(opened.body.content).toContain(ID);
    const mine = (await t.request(sellerAs, 'GET', `/api/channels/${channelId}/held`)).body.items;
    expect(mine.find((h: { id: string }) => h.id === ids.pending).body).toBe(`备用银行卡 ${PENDING_CARD}`);
    const history = await t.request(
      complianceAs,
      'GET',
      `/api/channels/${channelId}/messages/${ids.redacted}/history`,
    );
    expect(history.body.revisions[0].body).toBe(`报价单请发 ${EMAIL}`);
  });
});
