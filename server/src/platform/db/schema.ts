import type { Kysely, Transaction } from 'kysely';
import type { AuditTables } from '../../modules/audit/audit.tables.ts';
import type { AuthTables } from '../../modules/auth/auth.tables.ts';
import type { DepartmentsTables } from '../../modules/departments/departments.tables.ts';
import type { RolesTables } from '../../modules/roles/roles.tables.ts';
import type { TeamsTables } from '../../modules/teams/teams.tables.ts';
import type { UsersTables } from '../../modules/users/users.tables.ts';

/** The whole schema as Kysely sees it; each module declares (and owns) its own tables. */
export interface DB
  extends UsersTables,
    AuthTables,
    DepartmentsTables,
    TeamsTables,
    RolesTables,
    AuditTables {}

/** A connection or an open transaction: repositories accept either. */
export type Executor = Kysely<DB> | Transaction<DB>;
