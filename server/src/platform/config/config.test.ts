import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'liaison-config-'));

describe('configuration', () => {
  it('runs on defaults: port 3000, embedded SQLite in ./data, a generated secret key kept across restarts', () => {
    const cwd = dir();
    const config = loadConfig({}, cwd);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'sqlite', file: join(cwd, 'data', 'liaison.sqlite') });
    expect(config.redisUrl).toBeNull();
    const keyFile = join(cwd, 'data', 'secret.key');
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(loadConfig({}, cwd).secretKey.equals(config.secretKey)).toBe(true);
    expect(readFileSync(keyFile, 'utf8').trim()).toHaveLength(64);
  });

  it('logs readable lines by default and JSON in production or when asked, refusing other formats', () => {
    const cwd = dir();
    expect(loadConfig({}, cwd).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'production' }, cwd).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, cwd).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }, cwd).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' }, cwd)).toThrow(/LOG_FORMAT/);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig(
        { PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://x', LOG_LEVEL: 'loud' },
        dir(),
      );
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'LOG_LEVEL']) expect(problems).toContain(name);
    }
  });

  it('requires a shared secret key on PostgreSQL and validates its length', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/liaison' }, dir())).toThrow(/LIAISON_SECRET_KEY/);
    expect(() => loadConfig({ LIAISON_SECRET_KEY: 'abc' }, dir())).toThrow(/32 bytes/);
    const config = loadConfig(
      { DATABASE_URL: 'postgres://db/liaison', LIAISON_SECRET_KEY: 'ab'.repeat(32) },
      dir(),
    );
    expect(config.database).toMatchObject({ kind: 'postgres', poolSize: 10 });
  });

  it('treats empty variables as unset and rejects an unknown time zone', () => {
    expect(loadConfig({ PORT: '' }, dir()).port).toBe(3000);
    expect(() => loadConfig({ LIAISON_TIME_ZONE: 'Mars/Olympus' }, dir())).toThrow(/time zone/);
  });

  it('reads which proxies to trust: none, a hop count, or addresses', () => {
    expect(loadConfig({}, dir()).trustProxy).toBe(false);
    expect(loadConfig({ LIAISON_TRUST_PROXY: '1' }, dir()).trustProxy).toBe(1);
    expect(loadConfig({ LIAISON_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }, dir()).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(() => loadConfig({ LIAISON_TRUST_PROXY: 'yes please' }, dir())).toThrow(/LIAISON_TRUST_PROXY/);
  });

  it('keeps LIAISON_PUBLIC_URL as configured (or null) and validates the metrics token', () => {
    const bare = loadConfig({}, dir());
    expect(bare.publicUrl).toBeNull();
    expect(bare.metricsToken).toBeNull();
    expect(bare.notifications.publicUrl).toBe('http://localhost:3000');
    const set = loadConfig(
      { LIAISON_PUBLIC_URL: 'https://liaison.example.com/', LIAISON_METRICS_TOKEN: 'x'.repeat(32) },
      dir(),
    );
    expect(set.publicUrl).toBe('https://liaison.example.com');
    expect(set.metricsToken).toBe('x'.repeat(32));
    expect(() => loadConfig({ LIAISON_METRICS_TOKEN: 'short' }, dir())).toThrow(/LIAISON_METRICS_TOKEN/);
    expect(() => loadConfig({ LIAISON_METRICS_TOKEN: `${'x'.repeat(30)} y` }, dir())).toThrow(
      /LIAISON_METRICS_TOKEN/,
    );
    expect(() => loadConfig({ LIAISON_PUBLIC_URL: 'https://' }, dir())).toThrow(/LIAISON_PUBLIC_URL/);
  });
});
