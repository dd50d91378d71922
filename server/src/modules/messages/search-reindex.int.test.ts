import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, createTestApp, type TestApp } from '../../../test/app.ts';
import { MIGRATIONS } from '../../platform/db/migrations/index.ts';

/**
 * Migration 0009 re-indexes the messages of an existing installation for substring search. Here
 * the index is put back as it was before (the old FTS5 table on SQLite, old-style vectors on
 * PostgreSQL), the migration is run again, and what it rebuilt is searched.
 */
let t: TestApp;
let as: As;
let channel: string;
const ids = { audit: '', file: '', edited: '', deleted: '' };

beforeAll(async () => {
  t = await createTestApp();
  const alice = await t.buildUser();
  const bob = await t.buildUser();
  as = await t.sessionFor(alice);
  channel = (await t.request(as, 'POST', '/api/channels', { kind: 'direct', memberIds: [bob.id] })).body.id;
  const ctx = await t.ctxFor(alice);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(50, 2),
  ]);
  const file = await t.services.attachments.upload(ctx, channel, { fileName: '年度稽核底稿.png', data: png });
  ids.audit = (await t.services.messages.post(ctx, channel, { body: '下周一开始财务审计' })).id;
  ids.file = (await t.services.messages.post(ctx, channel, { body: '附件', attachmentIds: [file.id] })).id;
  ids.edited = (await t.services.messages.post(ctx, channel, { body: '库存盘点' })).id;
  await t.services.messages.edit(ctx, channel, ids.edited, { body: '盘点推迟到月底' });
  ids.deleted = (await t.services.messages.post(ctx, channel, { body: '财务审计草稿' })).id;
  await t.services.messages.remove(ctx, channel, ids.deleted);

  const { db, dialect } = t.database;
  if (dialect.kind === 'sqlite') {
    // The tables as 0002_messaging made them, the index holding segmenter words only.
    await sql`drop table message_fts`.execute(db);
    for (const column of ['channel_id', 'author_id', 'created_at']) {
      await sql`alter table message_search_keys drop column ${sql.ref(column)}`.execute(db);
    }
    await sql`create virtual table message_fts using fts5(terms, channel_id unindexed, author_id unindexed, created_at unindexed, tokenize = 'unicode61 remove_diacritics 2')`.execute(
      db,
    );
    await sql`insert into message_fts (rowid, terms) select key, '财务 审计' from message_search_keys`.execute(
      db,
    );
  } else {
    await sql`update messages set search_vector = to_tsvector('simple', '财务 审计') where search_vector is not null`.execute(
      db,
    );
  }
  // The migration itself, run again (later migrations stay applied, so the migrator cannot be asked).
  await MIGRATIONS['0009_search_substrings']!.up(db as Kysely<unknown>, dialect);
}, 30_000);
afterAll(() => t.close());

const found = async (q: string) =>
  (
    (await t.request(as, 'GET', `/api/search/messages?q=${encodeURIComponent(q)}`)).body.items as {
      messageId: string;
    }[]
  ).map((i) => i.messageId);

describe('re-indexing existing messages (migration 0009)', () => {
  it('indexes every character and pair of the live messages and their files', async () => {
    expect(await found('务审')).toEqual([ids.audit]);
    expect(await found('审')).toEqual([ids.audit]);
    expect(await found('度稽')).toEqual([ids.file]);
    expect(await found('推迟到')).toEqual([ids.edited]);
  });

  it('leaves out deleted messages and edited-away text', async () => {
    expect(await found('草稿')).toEqual([]);
    expect(await found('库存')).toEqual([]);
  });

  it('keeps the index current for what is written afterwards', async () => {
    const ctx = await t.ctxFor({ id: as!.userId });
    await t.services.messages.edit(ctx, channel, ids.audit, { body: '下周二开始财务审计' });
    expect(await found('周二开')).toEqual([ids.audit]);
    await t.services.messages.remove(ctx, channel, ids.audit);
    expect(await found('务审')).toEqual([]);
  });
});
