import { AuditService } from './modules/audit/audit.service.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { LoginThrottle } from './modules/auth/login-throttle.ts';
import { TokensService } from './modules/auth/tokens.service.ts';
import { DepartmentsService } from './modules/departments/departments.service.ts';
import { RolesService } from './modules/roles/roles.service.ts';
import { TeamsService } from './modules/teams/teams.service.ts';
import { PersonalService } from './modules/users/personal.service.ts';
import { UsersService } from './modules/users/users.service.ts';
import type { Clock } from './platform/clock.ts';
import type { Config } from './platform/config/config.ts';
import { FieldCipher } from './platform/crypto/keys.ts';
import type { Database } from './platform/db/database.ts';

export type ServiceConfig = Pick<Config, 'secretKey' | 'session' | 'login' | 'timeZone'>;

/** Every service, wired once. Routes, the CLI, jobs and tests all start from here. */
export function createServices(database: Database, config: ServiceConfig, clock: Clock) {
  const { db, dialect } = database;
  const audit = new AuditService({
    db,
    dialect,
    clock,
    secretKey: config.secretKey,
    timeZone: config.timeZone,
  });
  const roles = new RolesService({ db, dialect, clock, audit });
  const departments = new DepartmentsService({ db, dialect, clock, audit });
  const users = new UsersService({
    db,
    clock,
    audit,
    roles,
    departments,
    timeZone: config.timeZone,
  });
  const personal = new PersonalService({
    db,
    clock,
    audit,
    roles,
    cipher: new FieldCipher(config.secretKey),
  });
  const teams = new TeamsService({ db, clock, audit, departments });
  const auth = new AuthService({
    db,
    clock,
    audit,
    users,
    roles,
    secretKey: config.secretKey,
    session: config.session,
    throttle: new LoginThrottle(dialect, config.login),
  });
  const tokens = new TokensService({ db, clock, audit });
  return { audit, roles, departments, users, personal, teams, auth, tokens };
}

export type Services = ReturnType<typeof createServices>;
