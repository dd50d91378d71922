import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import { newId } from '../crypto/ids.ts';
import type { SqlDialect } from '../db/dialect.ts';
import type { DB, Executor } from '../db/schema.ts';
import { nextOccurrence, type Recurrence } from './schedule.ts';

export interface JobContext {
  jobId: string;
  attempt: number;
}

export interface JobHandler<P = Record<string, unknown>> {
  kind: string;
  run(payload: P, ctx: JobContext): Promise<void>;
  /** Attempts before the job is dead-lettered (default 5). */
  maxAttempts?: number;
}

export interface RecurringJob {
  /** Stable name; its next run time is kept in the database, so restarts do not skip or repeat it. */
  name: string;
  kind: string;
  payload?: Record<string, unknown>;
  when: Recurrence;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one unfinished job with this key exists; a second enqueue is ignored. */
  uniqueKey?: string;
  maxAttempts?: number;
}

export interface JobQueueDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  timeZone: string;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** Backoff after a failed attempt: 10 s, 20 s, 40 s … capped at an hour. */
export function backoffMs(attempt: number): number {
  return Math.min(10_000 * 2 ** (attempt - 1), 3_600_000);
}

/** Missed occurrences of a recurring job enqueued in one pass (the rest follow on the next). */
const MAX_CATCH_UP = 31;

const PRUNE_KIND = 'jobs.prune';
/** Finished jobs are kept this long, for looking into what ran. */
const FINISHED_KEEP_DAYS = 14;

/** How long a claimed job may run before another worker may assume its node died and retry it. */
const LEASE_MS = 10 * 60_000;

/**
 * Background work kept in the database (the `jobs` table), never in memory timers: a job survives
 * restarts, runs on whichever node claims it first (`FOR UPDATE SKIP LOCKED` on PostgreSQL), is
 * retried with exponential backoff and dead-lettered with its last error after its attempts run
 * out. Recurring jobs keep their next run time in `job_schedules`.
 */
export class JobQueue {
  readonly #deps: JobQueueDeps;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #recurring = new Map<string, RecurringJob>();
  readonly #workerId = `${hostname()}:${process.pid}:${newId().slice(-8)}`;
  #timer: NodeJS.Timeout | null = null;
  #busy: Promise<unknown> | null = null;

  constructor(deps: JobQueueDeps) {
    this.#deps = deps;
    // Finished jobs are history nobody reads after a while; frequent sweeps would pile them up.
    // Dead-lettered jobs stay until someone deals with them.
    this.register({ kind: PRUNE_KIND, run: () => this.pruneFinished().then(() => undefined) });
    this.schedule({ name: 'job pruning', kind: PRUNE_KIND, when: { every: 'day', hour: 4, minute: 30 } });
  }

  /** Deletes jobs finished more than FINISHED_KEEP_DAYS ago; returns how many. */
  async pruneFinished(): Promise<number> {
    const before = new Date(this.#deps.clock.now().getTime() - FINISHED_KEEP_DAYS * 86_400_000).toISOString();
    const result = await this.#deps.db
      .deleteFrom('jobs')
      .where('status', '=', 'done')
      .where('finished_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  register<P>(handler: JobHandler<P>): void {
    this.#handlers.set(handler.kind, handler as JobHandler);
  }

  schedule(job: RecurringJob): void {
    this.#recurring.set(job.name, job);
  }

  async enqueue(
    db: Executor,
    kind: string,
    payload: Record<string, unknown>,
    options: EnqueueOptions = {},
  ): Promise<void> {
    const now = this.#deps.clock.now().toISOString();
    await db
      .insertInto('jobs')
      .values({
        id: newId(),
        kind,
        payload: JSON.stringify(payload),
        status: 'pending',
        run_at: (options.runAt ?? this.#deps.clock.now()).toISOString(),
        attempts: 0,
        max_attempts: options.maxAttempts ?? this.#handlers.get(kind)?.maxAttempts ?? 5,
        last_error: null,
        locked_by: null,
        locked_until: null,
        unique_key: options.uniqueKey ?? null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .onConflict((oc) => oc.column('unique_key').doNothing())
      .execute();
  }

  /** Polls for due work every `intervalMs` until stopped. */
  start(intervalMs = 1000): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      if (this.#busy) return;
      this.#busy = this.runDue()
        .catch((err) => this.#deps.log?.error({ err }, 'job loop failed'))
        .finally(() => {
          this.#busy = null;
        });
    }, intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#busy;
  }

  /**
   * One pass: turn due schedules into jobs, then claim and run due jobs until none are left.
   * Returns how many jobs ran. Tests call this directly with a moved clock.
   */
  async runDue(): Promise<number> {
    await this.#materialiseSchedules();
    let ran = 0;
    for (;;) {
      const claimed = await this.#claim(10);
      if (claimed.length === 0) return ran;
      for (const job of claimed) {
        await this.#run(job);
        ran += 1;
      }
    }
  }

  async #materialiseSchedules(): Promise<void> {
    const { db, dialect, clock, timeZone } = this.#deps;
    const now = clock.now();
    for (const job of this.#recurring.values()) {
      await db.transaction().execute(async (trx) => {
        const row = await dialect
          .skipLocked(trx.selectFrom('job_schedules').selectAll().where('name', '=', job.name))
          .executeTakeFirst();
        if (!row) {
          // First sighting: plan the first run, and let it happen at its time (not at once).
          await trx
            .insertInto('job_schedules')
            .values({
              name: job.name,
              next_run_at: nextOccurrence(job.when, now, timeZone).toISOString(),
              last_run_at: null,
            })
            .onConflict((oc) => oc.column('name').doNothing())
            .execute();
          return;
        }
        // Every occurrence missed while no node was running is caught up (a monthly archive must
        // not skip a month), at most MAX_CATCH_UP at a time.
        let next = new Date(row.next_run_at);
        let caughtUp = 0;
        // A frequent sweep looks at the present: after a stop it runs once, not once per missed turn.
        const catchUp = job.when.every === 'minutes' ? 1 : MAX_CATCH_UP;
        while (next <= now && caughtUp < catchUp) {
          await this.enqueue(
            trx,
            job.kind,
            { ...job.payload, scheduledFor: next.toISOString() },
            {
              uniqueKey: `${job.name}@${next.toISOString()}`,
            },
          );
          next = nextOccurrence(job.when, job.when.every === 'minutes' ? now : next, timeZone);
          caughtUp += 1;
        }
        if (caughtUp === 0) return;
        await trx
          .updateTable('job_schedules')
          .set({ next_run_at: next.toISOString(), last_run_at: now.toISOString() })
          .where('name', '=', job.name)
          .execute();
      });
    }
  }

  async #claim(limit: number) {
    const { db, dialect, clock } = this.#deps;
    const now = clock.now();
    const nowIso = now.toISOString();
    return db.transaction().execute(async (trx) => {
      // Due pending jobs, and running ones whose worker's lease ran out (it died mid-job).
      const due = await dialect
        .skipLocked(
          trx
            .selectFrom('jobs')
            .selectAll()
            .where((eb) =>
              eb.or([
                eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', nowIso)]),
                eb.and([eb('status', '=', 'running'), eb('locked_until', '<', nowIso)]),
              ]),
            )
            .orderBy('run_at')
            .limit(limit),
        )
        .execute();
      if (due.length === 0) return [];
      await trx
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          attempts: eb('attempts', '+', 1),
          locked_by: this.#workerId,
          locked_until: new Date(now.getTime() + LEASE_MS).toISOString(),
          updated_at: nowIso,
        }))
        .where(
          'id',
          'in',
          due.map((j) => j.id),
        )
        .execute();
      return due.map((j) => ({ ...j, attempts: j.attempts + 1 }));
    });
  }

  async #run(job: { id: string; kind: string; payload: string; attempts: number; max_attempts: number }) {
    const { db, clock } = this.#deps;
    const handler = this.#handlers.get(job.kind);
    // Keep the lease while working, so a long job is not taken for dead and run a second time.
    const renew = setInterval(() => {
      void db
        .updateTable('jobs')
        .set({ locked_until: new Date(clock.now().getTime() + LEASE_MS).toISOString() })
        .where('id', '=', job.id)
        .where('locked_by', '=', this.#workerId)
        .execute()
        .catch(() => {});
    }, LEASE_MS / 3);
    renew.unref();
    // Only the worker that still holds the job may record how it ended.
    const mine = (q: ReturnType<typeof db.updateTable<'jobs'>>) =>
      q.where('id', '=', job.id).where('locked_by', '=', this.#workerId).where('status', '=', 'running');
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler.run(JSON.parse(job.payload), { jobId: job.id, attempt: job.attempts });
      const now = clock.now().toISOString();
      await mine(db.updateTable('jobs'))
        .set({
          status: 'done',
          finished_at: now,
          updated_at: now,
          locked_by: null,
          locked_until: null,
          unique_key: null,
        })
        .execute();
    } catch (err) {
      const now = clock.now();
      const dead = job.attempts >= job.max_attempts;
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      await mine(db.updateTable('jobs'))
        .set({
          status: dead ? 'dead' : 'pending',
          run_at: new Date(now.getTime() + backoffMs(job.attempts)).toISOString(),
          last_error: message.slice(0, 2000),
          locked_by: null,
          locked_until: null,
          updated_at: now.toISOString(),
          finished_at: dead ? now.toISOString() : null,
          // A dead job frees its key, so the next scheduled run is not blocked by it.
          ...(dead ? { unique_key: null } : {}),
        })
        .execute();
      this.#deps.log?.warn(
        { job: job.id, kind: job.kind, attempt: job.attempts, dead, err: message },
        'job failed',
      );
    } finally {
      clearInterval(renew);
    }
  }
}
