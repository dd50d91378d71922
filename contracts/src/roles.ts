import { z } from 'zod';
import { Id, nameText, Str, Timestamp } from './common.ts';
import { DataScope, PermissionSchema } from './permissions.ts';

export const Role = z
  .object({
    id: Id,
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    scope: DataScope,
    permissions: z.array(PermissionSchema),
    builtIn: z.boolean(),
    /** Locked roles (the administrator) cannot be changed or deleted. */
    locked: z.boolean(),
    userCount: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

export const RoleList = z.object({ items: z.array(Role) });

export const CreateRoleRequest = z.strictObject({
  key: Str.regex(/^[a-z][a-z0-9_]{2,39}$/, 'lowercase letters, digits and underscores; 3 to 40'),
  name: nameText(64),
  description: Str.trim().max(500).nullable().optional(),
  scope: DataScope,
  permissions: z.array(PermissionSchema).max(100),
});
export type CreateRoleRequest = z.infer<typeof CreateRoleRequest>;

export const UpdateRoleRequest = z
  .strictObject({
    name: nameText(64),
    description: Str.trim().max(500).nullable(),
    scope: DataScope,
    permissions: z.array(PermissionSchema).max(100),
  })
  .partial();
export type UpdateRoleRequest = z.infer<typeof UpdateRoleRequest>;
