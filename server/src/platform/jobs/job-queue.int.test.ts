import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { ManualClock } from '../clock.ts';
import { backoffMs, JobQueue } from './job-queue.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

function queue(clock: ManualClock) {
  return new JobQueue({ db: database.db, dialect: database.dialect, clock, timeZone: 'Asia/Shanghai' });
}

async function jobRows(kind: string) {
  return database.db.selectFrom('jobs').selectAll().where('kind', '=', kind).execute();
}

describe('job queue', () => {
  it('runs due jobs once, and waits for ones scheduled later', async () => {
    const clock = new ManualClock('2026-11-21T00:00:00.000Z');
    const q = queue(clock);
    const ran: string[] = [];
    q.register<{ n: string }>({ kind: 'test.echo', run: async (p) => void ran.push(p.n) });
    await q.enqueue(database.db, 'test.echo', { n: 'now' });
    await q.enqueue(
      database.db,
      'test.echo',
      { n: 'later' },
      { runAt: new Date('2026-11-21T01:00:00.000Z') },
    );
    expect(await q.runDue()).toBe(1);
    expect(await q.runDue()).toBe(0);
    clock.advance(3_600_000);
    await q.runDue();
    expect(ran).toEqual(['now', 'later']);
    expect((await jobRows('test.echo')).every((j) => j.status === 'done')).toBe(true);
  });

  it('prunes finished jobs after two weeks and keeps dead-lettered ones', async () => {
    const clock = new ManualClock('2026-11-21T00:00:00.000Z');
    const q = queue(clock);
    q.register({ kind: 'test.prune', run: async () => {} });
    q.register({
      kind: 'test.prune.fail',
      maxAttempts: 1,
      run: async () => {
        throw new Error('no');
      },
    });
    await q.enqueue(database.db, 'test.prune', {});
    await q.enqueue(database.db, 'test.prune.fail', {});
    await q.runDue();
    clock.advance(13 * 86_400_000);
    await q.pruneFinished();
    expect(await jobRows('test.prune')).toHaveLength(1);
    clock.advance(2 * 86_400_000);
    await q.pruneFinished();
    expect(await jobRows('test.prune')).toHaveLength(0);
    expect((await jobRows('test.prune.fail'))[0]?.status).toBe('dead');
  });

  it('retries a failing job with growing backoff, then dead-letters it with the last error', async () => {
    const clock = new ManualClock('2026-11-21T00:00:00.000Z');
    const q = queue(clock);
    let attempts = 0;
    q.register({
      kind: 'test.flaky',
      maxAttempts: 3,
      run: async () => {
        attempts += 1;
        throw new Error(`boom ${attempts}`);
      },
    });
    await q.enqueue(database.db, 'test.flaky', {});
    await q.runDue();
    let [job] = await jobRows('test.flaky');
    expect(job).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: boom 1' });
    expect(Date.parse(job!.run_at) - clock.now().getTime()).toBe(backoffMs(1));
    await q.runDue();
    expect(attempts).toBe(1); // not yet due
    clock.advance(backoffMs(1));
    await q.runDue();
    clock.advance(backoffMs(2));
    await q.runDue();
    [job] = await jobRows('test.flaky');
    expect(job).toMatchObject({ status: 'dead', attempts: 3, last_error: 'Error: boom 3' });
    clock.advance(backoffMs(3));
    expect(await q.runDue()).toBe(0);
  });

  it('keeps one unfinished job per unique key', async () => {
    const clock = new ManualClock('2026-11-21T00:00:00.000Z');
    const q = queue(clock);
    q.register({ kind: 'test.unique', run: async () => {} });
    await q.enqueue(database.db, 'test.unique', {}, { uniqueKey: 'only-one' });
    await q.enqueue(database.db, 'test.unique', {}, { uniqueKey: 'only-one' });
    expect(await jobRows('test.unique')).toHaveLength(1);
    await q.runDue();
    await q.enqueue(database.db, 'test.unique', {}, { uniqueKey: 'only-one' });
    expect(await jobRows('test.unique')).toHaveLength(2);
  });

  it('runs a daily job at its local time, once per day, across restarts', async () => {
    const clock = new ManualClock('2026-11-21T10:00:00.000Z'); // 18:00 in Shanghai
    const ran: string[] = [];
    const make = () => {
      const q = queue(clock);
      q.register<{ scheduledFor: string }>({
        kind: 'test.daily',
        run: async (p) => void ran.push(p.scheduledFor),
      });
      q.schedule({ name: 'test daily', kind: 'test.daily', when: { every: 'day', hour: 2, minute: 30 } });
      return q;
    };
    await make().runDue();
    expect(ran).toEqual([]);
    clock.set('2026-11-21T18:31:00.000Z'); // 02:31 on the 22nd in Shanghai
    await make().runDue(); // a "restarted" node
    await make().runDue();
    expect(ran).toEqual(['2026-11-21T18:30:00.000Z']);
    clock.set('2026-11-22T18:30:00.000Z');
    await make().runDue();
    expect(ran).toEqual(['2026-11-21T18:30:00.000Z', '2026-11-22T18:30:00.000Z']);
  });

  it('lets two workers share the work without running a job twice', async () => {
    const clock = new ManualClock('2026-11-21T00:00:00.000Z');
    const ran: number[] = [];
    const workers = [queue(clock), queue(clock)];
    for (const w of workers) {
      w.register<{ n: number }>({
        kind: 'test.shared',
        run: async (p) => {
          await new Promise((r) => setTimeout(r, 2));
          ran.push(p.n);
        },
      });
    }
    for (let n = 0; n < 40; n++) await workers[0]!.enqueue(database.db, 'test.shared', { n });
    await Promise.all(workers.map((w) => w.runDue()));
    expect(ran.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('takes back a job whose worker died mid-run once its lease is over', async () => {
    const clock = new ManualClock('2026-11-21T00:00:00.000Z');
    await database.db
      .insertInto('jobs')
      .values({
        id: '01a1ffc7-0000-7000-8000-00000000dead',
        kind: 'test.orphan',
        payload: '{}',
        status: 'running',
        run_at: clock.now().toISOString(),
        attempts: 1,
        max_attempts: 5,
        last_error: null,
        locked_by: 'gone',
        locked_until: new Date(clock.now().getTime() + 60_000).toISOString(),
        unique_key: null,
        created_at: clock.now().toISOString(),
        updated_at: clock.now().toISOString(),
        finished_at: null,
      })
      .execute();
    const q = queue(clock);
    let ran = 0;
    q.register({ kind: 'test.orphan', run: async () => void ran++ });
    await q.runDue();
    expect(ran).toBe(0);
    clock.advance(61_000);
    await q.runDue();
    expect(ran).toBe(1);
  });
});
