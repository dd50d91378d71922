/**
 * One month of one channel, in the two forms compliance asks for: JSON Lines (one message per
 * line, with its full edit history) for tools, and CSV for people (UTF-8 with a byte-order mark so
 * Excel shows the Chinese, and cells that look like formulas defused).
 */
export interface ArchivedMessage {
  seq: number;
  id: string;
  createdAt: string;
  author: { username: string; name: string } | null;
  threadId: string | null;
  body: string;
  editedAt: string | null;
  deletedAt: string | null;
  deletedReason: string | null;
  revisions: { kind: string; body: string; at: string; actorId: string | null; reason: string | null }[];
}

export function toJsonLines(messages: readonly ArchivedMessage[]): Buffer {
  return Buffer.from(messages.map((m) => `${JSON.stringify(m)}\n`).join(''), 'utf8');
}

const CSV_HEADER = [
  '序号',
  'seq',
  '时间 time',
  '作者 author',
  '账号 username',
  '回复 thread',
  '内容 body',
  '编辑于 edited',
  '删除于 deleted',
  '删除原因 reason',
  '原文 original',
];

export function toCsv(
  messages: readonly ArchivedMessage[],
  localTime: (iso: string | null) => string,
): Buffer {
  const rows = [CSV_HEADER];
  messages.forEach((m, i) => {
    rows.push([
      String(i + 1),
      String(m.seq),
      localTime(m.createdAt),
      m.author?.name ?? '',
      m.author?.username ?? '',
      m.threadId ?? '',
      m.body,
      localTime(m.editedAt),
      localTime(m.deletedAt),
      m.deletedReason ?? '',
      // The text as first written, when it has changed since.
      m.revisions[0]?.body ?? '',
    ]);
  });
  return Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(rows.map((r) => r.map(csvCell).join(',')).join('\r\n'), 'utf8'),
  ]);
}

function csvCell(value: string): string {
  // A leading = + - @ would make Excel run the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
