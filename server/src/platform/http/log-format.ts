import { Writable } from 'node:stream';

/** pino's numeric levels. */
const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
/** What every line has, or what the line already says in words. */
const OMIT = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'v']);

/**
 * One pino JSON record as one human line: `12:03:04.567 INFO  GET /api/channels 200 3.1 ms`, then
 * any other fields as key=value, an error's stack on the lines below. Anything that is not a pino
 * record passes through unchanged.
 */
export function formatLogLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  if (typeof record !== 'object' || record === null || typeof record.level !== 'number') return json;
  const time = typeof record.time === 'number' ? new Date(record.time) : new Date();
  const clock = `${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}.${String(time.getMilliseconds()).padStart(3, '0')}`;
  const level = (LEVELS[record.level] ?? String(record.level)).padEnd(5);
  const fields: string[] = [];
  let stack = '';
  for (const [key, value] of Object.entries(record)) {
    if (OMIT.has(key) || value === undefined) continue;
    if (key === 'err' && typeof value === 'object' && value !== null) {
      const err = value as { message?: string; stack?: string };
      stack = err.stack ? `\n${err.stack}` : '';
      fields.push(`err=${JSON.stringify(err.message ?? '')}`);
      continue;
    }
    fields.push(`${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`);
  }
  const message = typeof record.msg === 'string' ? record.msg : '';
  return `${clock} ${level} ${[message, ...fields].filter(Boolean).join(' ')}${stack}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A destination for pino that writes each record as one readable line to `out` (the terminal). */
export function readableLogStream(out: NodeJS.WritableStream = process.stdout): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      pending += chunk.toString();
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line) out.write(`${formatLogLine(line)}\n`);
        newline = pending.indexOf('\n');
      }
      done();
    },
  });
}
