import { type Compilable, CompiledQuery, type QueryResult } from 'kysely';
import type { Executor } from './schema.ts';

/** Stands for a named parameter while the query is built once. */
class Slot {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

interface Template {
  sql: string;
  /** Per SQL parameter: a named slot to fill at run time, or a constant the builder put there. */
  parameters: readonly unknown[];
}

export interface Prepared<P, R> {
  execute(db: Executor, params: P): Promise<QueryResult<R>>;
  all(db: Executor, params: P): Promise<R[]>;
  first(db: Executor, params: P): Promise<R | undefined>;
}

/**
 * A query built and compiled once per database and then run with new parameter values. Building
 * and compiling a Kysely query costs more than SQLite takes to run a small one, so the statements
 * of the hottest paths (authenticating a request, posting a message) are written this way; the
 * rest of the code builds queries as usual.
 *
 * `build` receives a stand-in for the parameters: use each one only as a value (`where('id', '=',
 * p.id)`, `values({ body: p.body })`), never inspect it. Queries whose shape depends on the values
 * (lists of variable length, optional conditions) cannot be prepared.
 */
export function prepared<P extends Record<string, unknown>, R>(
  build: (db: Executor, p: P) => Compilable<R>,
): Prepared<P, R> {
  // The SQL differs between SQLite and PostgreSQL: one template per dialect adapter, which a
  // Kysely instance shares with all its transactions.
  const templates = new WeakMap<object, Template>();

  const template = (db: Executor): Template => {
    // getExecutor() is marked internal in Kysely's typings; its adapter is the stable per-dialect key.
    const adapter = db.getExecutor().adapter;
    let t = templates.get(adapter);
    if (!t) {
      const used = new Set<string>();
      const slots = new Proxy({} as P, {
        get: (_target, name) => {
          used.add(String(name));
          return new Slot(String(name));
        },
      });
      const compiled = build(db, slots).compile();
      for (const name of used) {
        if (!compiled.parameters.some((v) => v instanceof Slot && v.name === name)) {
          throw new Error(`prepared query: parameter "${name}" is not a bound value in ${compiled.sql}`);
        }
      }
      t = { sql: compiled.sql, parameters: compiled.parameters };
      templates.set(adapter, t);
    }
    return t;
  };

  const execute = async (db: Executor, params: P): Promise<QueryResult<R>> => {
    const t = template(db);
    const values = t.parameters.map((v) => (v instanceof Slot ? params[v.name] : v));
    return db.executeQuery(CompiledQuery.raw(t.sql, values) as CompiledQuery<R>);
  };

  return {
    execute,
    all: async (db, params) => (await execute(db, params)).rows,
    first: async (db, params) => (await execute(db, params)).rows[0],
  };
}
