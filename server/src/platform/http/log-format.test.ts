import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatLogLine, readableLogStream } from './log-format.ts';
import { createHttpServer } from './server.ts';

describe('the readable log', () => {
  it('turns a pino record into one line with its level, message and other fields', () => {
    const time = new Date(2026, 0, 5, 9, 7, 3, 45).getTime();
    const line = formatLogLine(
      JSON.stringify({
        level: 30,
        time,
        pid: 1,
        hostname: 'h',
        reqId: 'r1',
        statusCode: 200,
        ms: 3.1,
        msg: 'GET /api/me',
      }),
    );
    expect(line).toBe('09:07:03.045 INFO  GET /api/me statusCode=200 ms=3.1');
    expect(formatLogLine('not json')).toBe('not json');
  });

  it('writes one line per request, with the answer, through the HTTP platform', async () => {
    const out = new PassThrough();
    const lines: string[] = [];
    out.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const { app } = await createHttpServer({
      logger: { level: 'info', format: 'pretty', stream: readableLogStream(out) },
      bodyLimit: 1024,
      uploadLimit: 1024,
      trustProxy: false,
      cookieSecure: false,
      version: 'test',
      authenticate: async () => null,
      csrfTokenFor: () => 'x',
      onDenied: async () => {},
    });
    app.get('/api/ping', { config: { access: { public: true } } }, async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: '/api/ping' });
    await app.close();
    const requestLines = lines.filter((line) => line.includes('/api/ping'));
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}GET \/api\/ping statusCode=200 ms=[\d.]+$/,
    );
    expect(lines.every((line) => !line.startsWith('{'))).toBe(true);
  });
});
