import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Services } from '../../services.ts';
import { DEMO_DEPARTMENTS, DEMO_PEOPLE, DEMO_TEAMS } from './demo.data.ts';

/** Every demo account's password. Documented in the README; for demonstration only. */
export const DEMO_PASSWORD = 'Liaison@2026';

/**
 * Plants the demo company through the services, exactly as an administrator would (so it is
 * audited and validated like real data). Does nothing when the organisation already has data.
 * Returns whether it seeded.
 */
export async function seedDemo(services: Services, { db }: Database): Promise<boolean> {
  if ((await services.users.count()) > 1 || (await services.departments.list()).length > 0) return false;
  const admin = await services.users.findByUsername(db, 'admin');
  if (!admin) throw new Error('the administrator must exist before the demo company is seeded');
  const ctx: ActorContext = {
    actor: await services.auth.actorFor(admin.id),
    ip: null,
    requestId: 'demo-seed',
    userAgent: 'liaison seed --demo',
  };

  const departmentIds = new Map<string, string>();
  for (const [index, d] of DEMO_DEPARTMENTS.entries()) {
    const created = await services.departments.create(ctx, {
      name: d.name,
      code: d.code,
      parentId: d.parent ? departmentIds.get(d.parent) : null,
      sortOrder: index * 10,
      description: d.description,
    });
    departmentIds.set(d.code, created.id);
  }

  const roleIds = new Map((await services.roles.list()).map((r) => [r.key, r.id]));
  const userIds = new Map<string, string>();
  for (const p of DEMO_PEOPLE) {
    const { user } = await services.users.create(ctx, {
      username: p.username,
      displayName: p.name,
      kind: p.kind ?? 'employee',
      email: `${p.username}@demo.example.cn`,
      title: p.title,
      departmentId: p.department ? departmentIds.get(p.department) : null,
      password: DEMO_PASSWORD,
    });
    userIds.set(p.username, user.id);
    if (p.roles?.length) {
      const base = p.kind === 'external' ? 'external_user' : 'employee';
      const ids = [base, ...p.roles].map((key) => roleIds.get(key)).filter((id): id is string => !!id);
      await services.users.setRoles(ctx, user.id, ids);
    }
    if (p.mobile || p.address) {
      await services.personal.updatePersonal(ctx, user.id, {
        mobile: p.mobile ?? null,
        address: p.address ?? null,
      });
    }
  }

  for (const d of DEMO_DEPARTMENTS) {
    const head = DEMO_PEOPLE.find((p) => p.department === d.code && p.head);
    const liaison = DEMO_PEOPLE.find((p) => p.department === d.code && p.liaison);
    await services.departments.update(ctx, departmentIds.get(d.code)!, {
      headId: head ? userIds.get(head.username) : null,
      liaisonId: liaison ? userIds.get(liaison.username) : null,
    });
  }

  for (const t of DEMO_TEAMS) {
    await services.teams.create(ctx, {
      name: t.name,
      kind: t.kind,
      description: t.description,
      departmentId: departmentIds.get(t.department),
      ownerId: userIds.get(t.owner),
      memberIds: t.members.map((m) => userIds.get(m)!),
    });
  }
  return true;
}
