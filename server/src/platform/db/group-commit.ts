import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { SqlDialect } from './dialect.ts';
import type { DB } from './schema.ts';

const SAVEPOINT = CompiledQuery.raw('savepoint unit');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint unit');
const RELEASE = CompiledQuery.raw('release savepoint unit');

type Work<T> = (trx: Transaction<DB>) => Promise<T>;

interface Queued {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export interface GroupCommitOptions {
  /** Most units of work per transaction; 1 turns grouping off. */
  maxBatch: number;
}

/**
 * Group commit for small, frequent writes (posting a message). On SQLite a commit is an fsync that
 * stops the whole event loop (node:sqlite is synchronous), and every transaction also writes a new
 * full-text segment and its own copy of shared pages (the channel row, index pages). Units of work
 * that arrive together therefore run in one transaction, each inside its own savepoint: a unit
 * that fails rolls back alone and its caller gets its error; the others commit together and
 * resolve only after that single commit, so nothing is acknowledged before it is durable.
 *
 * Work arriving while a batch runs waits for the next one, which starts as soon as the current one
 * has committed; under light load a batch holds one unit and costs one `setImmediate`.
 *
 * PostgreSQL runs each unit in its own transaction (maxBatch 1): its commits do not block the event
 * loop, and a batch holding the event-log lock while taking the next unit's row locks could
 * deadlock with a single transaction that took them in the other order.
 */
export class GroupCommit {
  readonly #db: Kysely<DB>;
  readonly #maxBatch: number;
  #queue: Queued[] = [];
  #scheduled = false;
  #running = false;

  constructor(db: Kysely<DB>, options: GroupCommitOptions) {
    this.#db = db;
    this.#maxBatch = Math.max(1, options.maxBatch);
  }

  static for(db: Kysely<DB>, dialect: SqlDialect): GroupCommit {
    return new GroupCommit(db, { maxBatch: dialect.kind === 'sqlite' ? 64 : 1 });
  }

  /** Runs `work` in a transaction, possibly shared with other units; resolves after the commit. */
  run<T>(work: Work<T>): Promise<T> {
    if (this.#maxBatch === 1) return this.#db.transaction().execute(work);
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#running || this.#queue.length === 0) return;
    this.#scheduled = true;
    // After the current I/O phase, so requests read together share the batch.
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#running = true;
    const batch = this.#queue.splice(0, this.#maxBatch);
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.#db.transaction().execute(async (trx) => {
        if (batch.length === 1) {
          // Alone, the unit's failure may simply roll back the whole transaction.
          outcomes.push({ ok: true, value: await batch[0]!.work(trx) });
          return;
        }
        for (const unit of batch) {
          await trx.executeQuery(SAVEPOINT);
          try {
            outcomes.push({ ok: true, value: await unit.work(trx) });
          } catch (error) {
            await trx.executeQuery(ROLLBACK_TO);
            outcomes.push({ ok: false, error });
          }
          await trx.executeQuery(RELEASE);
        }
      });
    } catch (error) {
      // The commit failed (or the lone unit did): nothing in the batch was stored.
      if (batch.length === 1) batch[0]!.reject(error);
      else for (const unit of batch) unit.reject(error);
      return this.#done();
    }
    batch.forEach((unit, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.error);
    });
    this.#done();
  }

  #done(): void {
    this.#running = false;
    this.#schedule();
  }
}
