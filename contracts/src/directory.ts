import { z } from 'zod';
import { Id, Str } from './common.ts';

/**
 * 通讯录: the people an employee can find to message or add — name, department and title only
 * (work information, never personal data). External users never see it.
 */
export const DirectoryPerson = z
  .object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    kind: z.enum(['employee', 'external']),
    title: z.string().nullable(),
    department: z.object({ id: Id, name: z.string() }).nullable(),
    counterparty: z.object({ id: Id, name: z.string() }).nullable(),
  })
  .meta({ id: 'DirectoryPerson' });
export type DirectoryPerson = z.infer<typeof DirectoryPerson>;

export const DirectoryList = z.object({ items: z.array(DirectoryPerson) });

export const DirectoryQuery = z.strictObject({
  /** Name, username, pinyin or initials (zw → 张伟). */
  q: Str.trim().max(64).optional(),
  departmentId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type DirectoryQuery = z.infer<typeof DirectoryQuery>;
