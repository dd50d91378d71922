import pg from 'pg';

/** BENCH_DATABASE_URL, or the local test server if it answers; null to skip PostgreSQL. */
export async function postgresUrl(): Promise<string | null> {
  if (process.env.BENCH_POSTGRES === '0') return null;
  const url = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch (err) {
    if (process.env.BENCH_DATABASE_URL) throw new Error(`BENCH_DATABASE_URL: ${(err as Error).message}`);
    return null;
  }
}
