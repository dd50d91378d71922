import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
let urls: string[];

beforeAll(async () => {
  t = await createTestApp();
  const channel = await t.request(t.adminSession, 'POST', '/api/channels', {
    kind: 'all_hands',
    name: '全员-上传测试',
  });
  const task = await t.request(t.adminSession, 'POST', '/api/tasks', {
    title: '上传测试',
    assigneeId: t.admin.id,
  });
  expect([channel.status, task.status]).toEqual([201, 201]);
  urls = [
    `/api/channels/${channel.body.id}/attachments`,
    `/api/tasks/${task.body.id}/files`,
    '/api/announcements/files',
  ];
});
afterAll(() => t.close());

const PART = '--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello';
/** [case, content type, body, the error code expected with 400]. */
const MALFORMED: [string, string, string, string][] = [
  ['no boundary', 'multipart/form-data', `${PART}\r\n--x--\r\n`, 'malformed_request'],
  [
    'a boundary that does not match',
    'multipart/form-data; boundary=abc',
    `${PART}\r\n--x--\r\n`,
    'malformed_request',
  ],
  ['a truncated part', 'multipart/form-data; boundary=x', PART, 'malformed_request'],
  // A part without a field name is skipped by the parser, so the upload has no file.
  [
    'a part without a name',
    'multipart/form-data; boundary=x',
    '--x\r\nContent-Disposition\r\n\r\nhi\r\n--x--\r\n',
    'validation_failed',
  ],
];

/** Rows of every table an upload writes to. */
async function storedFiles(): Promise<number[]> {
  const db = t.database.db;
  return Promise.all(
    (['attachments', 'task_files', 'announcement_files'] as const).map(async (table) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ),
  );
}

describe('malformed multipart uploads', () => {
  it('are refused with 400 malformed_request on every upload route, and store nothing', async () => {
    const before = await storedFiles();
    for (const url of urls) {
      for (const [name, type, body, code] of MALFORMED) {
        const res = await t.request(t.adminSession, 'POST', url, body, { 'content-type': type });
        expect({ url, name, status: res.status, code: res.body?.error?.code }).toEqual({
          url,
          name,
          status: 400,
          code,
        });
      }
    }
    expect(await storedFiles()).toEqual(before);
  });

  it('still accepts a well-formed upload', async () => {
    for (const url of urls) {
      const res = await t.request(t.adminSession, 'POST', url, `${PART}\r\n--x--\r\n`, {
        'content-type': 'multipart/form-data; boundary=x',
      });
      expect(res.status).toBe(201);
    }
  });

  it('stores a file name without the characters that would disguise it', async () => {
    const spoof =
      '--x\r\nContent-Disposition: form-data; name="file"; filename="合同\u202excod.txt"\r\n\r\nhello\r\n--x--\r\n';
    for (const url of urls) {
      const res = await t.request(t.adminSession, 'POST', url, spoof, {
        'content-type': 'multipart/form-data; boundary=x',
      });
      expect(res.status).toBe(201);
      expect(res.body.fileName).toBe('合同xcod.txt');
    }
  });
});

describe('names', () => {
  it('refuses a display name, channel name or task title with a text-direction override', async () => {
    const user = await t.request(t.adminSession, 'POST', '/api/users', {
      username: 'spoof.user',
      displayName: '张\u202e伟',
      kind: 'employee',
      password: 'Spoof-password-2026',
    });
    const channel = await t.request(t.adminSession, 'POST', '/api/channels', {
      kind: 'all_hands',
      name: '全员\u200b通知',
    });
    const task = await t.request(t.adminSession, 'POST', '/api/tasks', {
      title: '审核\u2066合同',
      assigneeId: t.admin.id,
    });
    for (const [res, path] of [
      [user, 'body.displayName'],
      [channel, 'body.name'],
      [task, 'body.title'],
    ] as const) {
      expect(res.status).toBe(400);
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ path }));
    }
  });
});
