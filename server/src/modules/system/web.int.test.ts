import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'liaison-web-'));
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>联络</title>');
  writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
  // What the build writes beside each asset: compressed once, served to whoever accepts it.
  const bundle = `export const words = ${JSON.stringify('联络'.repeat(2000))};`;
  writeFileSync(join(dist, 'assets', 'big-5678.js'), bundle);
  writeFileSync(join(dist, 'assets', 'big-5678.js.br'), brotliCompressSync(bundle));
  writeFileSync(join(dist, 'assets', 'big-5678.js.gz'), gzipSync(bundle));
  writeFileSync(join(root, 'secret.key'), 'not for browsers');
  t = await createTestApp({ webDist: dist });
});
afterAll(() => t.close());

describe('serving the web client', () => {
  it('serves hashed assets for a year and index.html for any app route', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const deep = await t.app.inject({ method: 'GET', url: '/org/departments' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('联络');
    expect(deep.headers['cache-control']).toBe('no-cache');
    expect(deep.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('sends the precompressed copy of an asset to a browser that accepts it, and the plain file otherwise', async () => {
    const br = await t.app.inject({
      method: 'GET',
      url: '/assets/big-5678.js',
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(String(br.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toContain('export const words');

    const gz = await t.app.inject({
      method: 'GET',
      url: '/assets/big-5678.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toContain('export const words');

    const plain = await t.app.inject({ method: 'GET', url: '/assets/big-5678.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('export const words');
  });

  it('compresses JSON answers over 1 KiB and leaves small ones alone', async () => {
    const big = await t.app.inject({
      method: 'GET',
      url: '/api/docs',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(big.rawPayload).toString()).openapi).toBe('3.1.0');

    const small = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('never reaches outside the bundle, not even to tell whether a file exists', async () => {
    for (const url of ['/..%2fsecret.key', '/assets/..%2f..%2fsecret.key', '/..%2f..%2f..%2fetc%2fpasswd']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<title>联络</title>');
    }
  });

  it('keeps unknown API paths as JSON 404s', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
