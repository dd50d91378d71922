import type { ChannelKind, UserRef } from '@liaison/contracts';
import type { Executor } from '../../platform/db/schema.ts';

/**
 * What communication control shows and checks about the rest of the organisation — people,
 * channels, departments and counterparties — asked of their modules by id, a query each per
 * batch. Passed in at wiring, so control reads no other module's tables.
 */
export interface ControlDirectory {
  people(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, UserRef>>;
  channels(db: Executor, ids: readonly string[]): Promise<Map<string, { name: string; kind: ChannelKind }>>;
  /** Materialised paths of departments (`/root/…/id/`); unknown ids are absent. */
  departmentPaths(db: Executor, ids: readonly string[]): Promise<Map<string, string>>;
  /** Names of counterparties; unknown ids are absent. */
  counterpartyNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>>;
}

/** The people, channels and counterparties a page of rows refers to, looked up together. */
export interface Named {
  person(id: string | null): UserRef | null;
  channel(id: string | null): { id: string; name: string; kind: ChannelKind } | null;
  counterparty(id: string | null): { id: string; name: string } | null;
}

export async function namesFor(
  directory: ControlDirectory,
  db: Executor,
  refs: { people?: (string | null)[]; channels?: (string | null)[]; counterparties?: (string | null)[] },
): Promise<Named> {
  const ids = (list: (string | null)[] | undefined) => [
    ...new Set((list ?? []).filter((id): id is string => id !== null)),
  ];
  const [people, channels, parties] = await Promise.all([
    chunked(ids(refs.people), (part) => directory.people(db, part)),
    chunked(ids(refs.channels), (part) => directory.channels(db, part)),
    chunked(ids(refs.counterparties), (part) => directory.counterpartyNames(db, part)),
  ]);
  return {
    person: (id) => (id ? (people.get(id) ?? null) : null),
    channel: (id) => {
      const c = id ? channels.get(id) : undefined;
      return id && c ? { id, name: c.name, kind: c.kind } : null;
    },
    counterparty: (id) => {
      const name = id ? parties.get(id) : undefined;
      return id && name !== undefined ? { id, name } : null;
    },
  };
}

/** Ids per lookup: an export of many rows stays well under either database's bound-value limit. */
const CHUNK = 1_000;

async function chunked<V>(
  ids: readonly string[],
  lookup: (ids: readonly string[]) => Promise<Map<string, V>>,
): Promise<Map<string, V>> {
  const out = new Map<string, V>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const [k, v] of await lookup(ids.slice(i, i + CHUNK))) out.set(k, v);
  }
  return out;
}
