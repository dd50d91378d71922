import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/schema.ts';
import type { ControlDetectorsTable, ControlPoliciesTable } from './control.tables.ts';

export type DetectorRow = Selectable<ControlDetectorsTable>;
export type PolicyRow = Selectable<ControlPoliciesTable>;

export function detectors(db: Executor): Promise<DetectorRow[]> {
  return db.selectFrom('control_detectors').selectAll().orderBy('name').execute();
}

export async function findDetector(db: Executor, id: string): Promise<DetectorRow | undefined> {
  return (await detectors(db)).find((d) => d.id === id);
}

export function detectorByName(db: Executor, name: string) {
  return db.selectFrom('control_detectors').select('id').where('name', '=', name).executeTakeFirst();
}

export async function insertDetector(db: Executor, row: Insertable<ControlDetectorsTable>): Promise<void> {
  await db.insertInto('control_detectors').values(row).execute();
}

export async function updateDetector(
  db: Executor,
  id: string,
  patch: Updateable<ControlDetectorsTable>,
): Promise<void> {
  await db.updateTable('control_detectors').set(patch).where('id', '=', id).execute();
}

export async function deleteDetector(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('control_detectors').where('id', '=', id).execute();
}

export function policies(db: Executor): Promise<PolicyRow[]> {
  return db.selectFrom('control_policies').selectAll().orderBy('priority').orderBy('name').execute();
}

export async function findPolicy(db: Executor, id: string): Promise<PolicyRow | undefined> {
  return (await policies(db)).find((p) => p.id === id);
}

export function policyByName(db: Executor, name: string) {
  return db.selectFrom('control_policies').select('id').where('name', '=', name).executeTakeFirst();
}

export async function insertPolicy(db: Executor, row: Insertable<ControlPoliciesTable>): Promise<void> {
  await db.insertInto('control_policies').values(row).execute();
}

export async function updatePolicy(
  db: Executor,
  id: string,
  patch: Updateable<ControlPoliciesTable>,
): Promise<void> {
  await db.updateTable('control_policies').set(patch).where('id', '=', id).execute();
}

export async function deletePolicy(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('control_policies').where('id', '=', id).execute();
}

/**
 * A fingerprint of the policies and detectors: it changes when one is created, changed or deleted.
 * (The paths of the departments they name are compared separately: see PoliciesService.)
 */
export async function signature(db: Executor): Promise<string> {
  const [p, d] = await Promise.all([
    db
      .selectFrom('control_policies')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('at')])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('control_detectors')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('at')])
      .executeTakeFirstOrThrow(),
  ]);
  return JSON.stringify([p.n, p.at, d.n, d.at].map(String));
}
