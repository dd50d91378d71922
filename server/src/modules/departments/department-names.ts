import type { Executor } from '../../platform/db/schema.ts';
import { findByIds } from './departments.repository.ts';

/**
 * Departments' names by id (absent ids are missing from the map): for modules that show or check a
 * department they refer to (e.g. a webhook limited to one) without reading the departments table.
 */
export const departmentNames = {
  async names(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await findByIds(db, ids);
    return new Map(rows.map((r) => [r.id, r.name]));
  },
};
