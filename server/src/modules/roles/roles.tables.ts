import type { DataScope } from '@liaison/contracts';

export interface RolesTable {
  id: string;
  key: string;
  name: string;
  description: string | null;
  scope: DataScope;
  /** JSON array of permission keys. */
  permissions: string;
  built_in: number;
  locked: number;
  /** JSON array: default permissions of a built-in role already handed out (see ensureBuiltIns). */
  defaults_applied: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  user_id: string;
  role_id: string;
  granted_at: string;
  granted_by: string | null;
}

export interface RolesTables {
  roles: RolesTable;
  user_roles: UserRolesTable;
}
