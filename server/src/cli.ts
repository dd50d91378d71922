import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateUserRequest } from '@liaison/contracts';
import { sql } from 'kysely';
import { DEMO_PASSWORD, seedDemo } from './modules/demo/demo.seed.ts';
import type { ActorContext } from './platform/auth/actor.ts';
import { systemClock } from './platform/clock.ts';
import { ConfigError, loadConfig } from './platform/config/config.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { InProcessBus } from './platform/events/bus.ts';
import { AppError } from './platform/http/errors.ts';
import { text } from './platform/i18n/i18n.ts';
import { ensurePrivateDirSync, ensurePrivateFileSync } from './platform/storage/private-files.ts';
import { createServices, type Services } from './services.ts';
import { prepare } from './startup.ts';

const USAGE = `Usage: npm run liaison -- <command> [options]

  migrate                         apply pending database migrations
  seed --demo                     create the demo company on an empty database
  user create --username <u> --name <显示名> [--department <code>] [--role <key>]... [--password <p>] [--external]
                                  create an account (prints a generated password when none is given)
  user reset-password <username> [--password <p>]
                                  set a new password (generated and printed when none is given)
  audit verify                    check the audit log's hash chain; exit code 1 if it is broken
  backup [--out <file>]           consistent copy of the embedded database, taken while the server runs

Configuration comes from the same environment variables as the server (see README).`;

type Handler = (rt: Runtime, positionals: string[], values: Values) => Promise<number>;
type Values = Record<string, string | boolean | string[] | undefined>;
interface Runtime {
  database: Database;
  services: Services;
  config: ReturnType<typeof loadConfig>;
}

const COMMANDS: Record<string, Handler> = {
  async migrate({ database, services }) {
    const applied = await migrateToLatest(database.db, database.dialect);
    await services.roles.ensureBuiltIns();
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    return 0;
  },

  async seed({ database, services, config }, _pos, values) {
    if (!values.demo) return usage('seed needs --demo');
    await prepare(database, services, { adminPassword: config.adminPassword ?? DEMO_PASSWORD });
    const seeded = await seedDemo(services, database);
    console.log(
      seeded
        ? `demo company created; every demo account's password is ${DEMO_PASSWORD} (demo only)`
        : 'the organisation already has data; nothing seeded',
    );
    return 0;
  },

  async 'user create'({ database, services }, _pos, values) {
    const username = String(values.username ?? '');
    const name = String(values.name ?? '');
    if (!username || !name) return usage('user create needs --username and --name');
    const ctx = await adminContext(database, services);
    let departmentId: string | null = null;
    if (values.department) {
      const dept = (await services.departments.list()).find(
        (d) => d.code === values.department || d.name === values.department,
      );
      if (!dept) return fail(`no department with code or name ${values.department}`);
      departmentId = dept.id;
    }
    const external = values.external === true;
    // The same contract as POST /api/users: lower-cased username, password rules, lengths.
    const input = CreateUserRequest.safeParse({
      username,
      displayName: name,
      kind: external ? 'external' : 'employee',
      departmentId,
      password: typeof values.password === 'string' ? values.password : undefined,
    });
    if (!input.success) {
      return fail(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    }
    const { user, temporaryPassword } = await services.users.create(ctx, input.data);
    const roleKeys = [values.role ?? []].flat().map(String);
    if (roleKeys.length > 0) {
      const roles = await services.roles.list();
      const ids = [external ? 'external_user' : 'employee', ...roleKeys].map((key) => {
        const role = roles.find((r) => r.key === key);
        if (!role) throw new AppError('validation_failed', text('errors.unknownRole', { role: key }));
        return role.id;
      });
      await services.users.setRoles(ctx, user.id, ids);
    }
    console.log(`created ${user.username} (${user.id})`);
    if (temporaryPassword)
      console.log(`temporary password (must be changed at first sign-in): ${temporaryPassword}`);
    return 0;
  },

  async 'user reset-password'({ database, services }, positionals, values) {
    const username = positionals[0];
    if (!username) return usage('user reset-password needs a username');
    const user = await services.users.findByUsername(database.db, username.toLowerCase());
    if (!user) return fail(`no user ${username}`);
    const ctx = await adminContext(database, services);
    if (typeof values.password === 'string') {
      await services.users.resetPassword(ctx, user.id, values.password);
      console.log(`password of ${user.username} changed; their sessions were ended`);
    } else {
      const { temporaryPassword } = await services.users.resetPassword(ctx, user.id);
      console.log(
        `temporary password for ${user.username} (must be changed at first sign-in): ${temporaryPassword}`,
      );
    }
    return 0;
  },

  async 'audit verify'({ services }) {
    const result = await services.audit.verify();
    if (result.ok) {
      console.log(`audit chain intact: ${result.checked} entries verified`);
      return 0;
    }
    console.log(`audit chain BROKEN at entry ${result.firstBroken?.seq}: ${result.firstBroken?.reason}`);
    console.log(`${result.checked} entries before it verified`);
    return 1;
  },

  async backup({ database, config }, _pos, values) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    if (config.database.kind === 'postgres') {
      const out = resolve(String(values.out ?? join(config.dataDir, 'backups', `liaison-${stamp}.sql`)));
      ensurePrivateDirSync(resolve(out, '..'));
      // A backup is the whole database: owner-only from the moment it exists.
      ensurePrivateFileSync(out);
      execFileSync('pg_dump', ['--no-owner', '--file', out, config.database.url], { stdio: 'inherit' });
      console.log(`backup written to ${out}`);
      return 0;
    }
    const out = resolve(String(values.out ?? join(config.dataDir, 'backups', `liaison-${stamp}.sqlite`)));
    ensurePrivateDirSync(resolve(out, '..'));
    // VACUUM INTO reads one consistent snapshot (WAL lets the server keep writing meanwhile). It
    // writes into an empty file it finds, keeping that file's owner-only mode.
    ensurePrivateFileSync(out);
    await sql`vacuum into ${out}`.execute(database.db);
    console.log(`backup written to ${out}`);
    return 0;
  },
};

/** CLI changes are audited as the first active administrator, marked as coming from the CLI. */
async function adminContext(database: Database, services: Services): Promise<ActorContext> {
  const admin = await services.users.firstActiveAdministrator(database.db);
  if (!admin) throw new AppError('conflict', text('errors.noActiveAdministrator'));
  return { actor: await services.auth.actorFor(admin), ip: null, requestId: 'cli', userAgent: 'liaison-cli' };
}

function usage(problem?: string): number {
  if (problem) console.error(`${problem}\n`);
  console.error(USAGE);
  return 2;
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      external: { type: 'boolean' },
      username: { type: 'string' },
      name: { type: 'string' },
      department: { type: 'string' },
      role: { type: 'string', multiple: true },
      password: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) return usage();
  const two = positionals.slice(0, 2).join(' ');
  const [name, rest] = COMMANDS[two] ? [two, positionals.slice(2)] : [positionals[0]!, positionals.slice(1)];
  const handler = COMMANDS[name];
  if (!handler) return usage(`unknown command: ${positionals.join(' ')}`);

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }
  const database = openDatabase(config.database);
  try {
    // One-off commands need no cross-node hints: other nodes' event pumps poll the log anyway.
    const services = createServices(database, config, systemClock, { bus: new InProcessBus() });
    if (name !== 'migrate' && name !== 'seed') {
      await migrateToLatest(database.db, database.dialect);
      await services.roles.ensureBuiltIns();
    }
    return await handler({ database, services, config }, rest, values);
  } catch (err) {
    if (err instanceof AppError) {
      const details = err.details ? ` ${JSON.stringify(err.details)}` : '';
      return fail(`${err.code}: ${err.message}${details}`);
    }
    throw err;
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
