import type { Audience } from '@liaison/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t.close());

const audience = (a: Partial<Audience>): Audience => ({
  everyone: false,
  departments: [],
  teams: [],
  users: [],
  counterparties: [],
  ...a,
});

/** A small organisation of its own: a division with a sub-department, a team and an outside contact. */
async function organisation() {
  const division = await t.buildDepartment();
  const sub = await t.buildDepartment({ parent: division });
  const elsewhere = await t.buildDepartment();
  const head = await t.buildUser({ department: division });
  const clerk = await t.buildUser({ department: sub });
  const outsider = await t.buildUser({ department: elsewhere });
  const leaver = await t.buildUser({ department: sub });
  await t.services.users.disable(t.adminCtx, leaver.id);
  const customer = await t.buildCounterparty();
  const contact = await t.buildUser({ kind: 'external', counterparty: customer });
  const team = await t.services.teams.create(t.adminCtx, {
    name: `项目组${division.id.slice(-4)}`,
    kind: 'project',
    memberIds: [outsider.id],
  });
  return { division, sub, elsewhere, head, clerk, outsider, leaver, customer, contact, team };
}

const members = async (a: Audience) =>
  (await t.services.audiences.members(t.database.db, a)).map((m) => m.userId).sort();

describe('resolving an audience', () => {
  it('reaches a department with its sub-departments, or alone, and never a disabled account', async () => {
    const o = await organisation();
    expect(await members(audience({ departments: [{ id: o.division.id, includeChildren: true }] }))).toEqual(
      [o.head.id, o.clerk.id].sort(),
    );
    expect(await members(audience({ departments: [{ id: o.division.id, includeChildren: false }] }))).toEqual(
      [o.head.id],
    );
    expect(
      await t.services.audiences.reach(
        t.database.db,
        audience({ departments: [{ id: o.division.id, includeChildren: true }] }),
      ),
    ).toEqual({ recipients: 2, departments: 2 });
  });

  it('reaches teams, named people and external organisations, each person once with their department', async () => {
    const o = await organisation();
    const resolved = await t.services.audiences.members(
      t.database.db,
      audience({ teams: [o.team.id], users: [o.outsider.id, o.head.id], counterparties: [o.customer.id] }),
    );
    // The team's members as the teams module lists them (its creator may be one of them).
    const team = o.team.members.map((m) => m.user.id);
    expect(team).toContain(o.outsider.id);
    expect(resolved.map((m) => m.userId).sort()).toEqual(
      [...new Set([...team, o.head.id, o.contact.id])].sort(),
    );
    expect(resolved.find((m) => m.userId === o.head.id)?.departmentId).toBe(o.division.id);
    expect(resolved.find((m) => m.userId === o.contact.id)?.departmentId).toBeNull();
  });

  it('reaches every active employee for everyone, but no external contact', async () => {
    const o = await organisation();
    const everyone = await members(audience({ everyone: true }));
    expect(everyone).toEqual(expect.arrayContaining([o.head.id, o.clerk.id, o.outsider.id, t.admin.id]));
    expect(everyone).not.toContain(o.contact.id);
    expect(everyone).not.toContain(o.leaver.id);
    expect(await members(audience({}))).toEqual([]);
  });

  it('matches one reader in memory by the same rules, for people who join later', async () => {
    const o = await organisation();
    const reader = async (user: { id: string }) => {
      const ctx = await t.ctxFor(user);
      return t.services.audiences.reader(t.database.db, ctx.actor);
    };
    const audiences = [
      audience({ departments: [{ id: o.division.id, includeChildren: true }] }),
      audience({ departments: [{ id: o.division.id, includeChildren: false }] }),
      audience({ teams: [o.team.id] }),
      audience({ everyone: true }),
      audience({ counterparties: [o.customer.id] }),
    ];
    const includes = async (user: { id: string }) =>
      t.services.audiences.includes(t.database.db, await reader(user), audiences);
    expect(await includes(o.clerk)).toEqual([true, false, false, true, false]);
    expect(await includes(o.head)).toEqual([true, true, false, true, false]);
    expect(await includes(o.outsider)).toEqual([false, false, true, true, false]);
    expect(await includes(o.contact)).toEqual([false, false, false, false, true]);
  });

  it('names an audience for people to read', async () => {
    const o = await organisation();
    const names = await t.services.audiences.names(
      t.database.db,
      audience({
        departments: [{ id: o.sub.id, includeChildren: true }],
        teams: [o.team.id],
        users: [o.clerk.id],
        counterparties: [o.customer.id],
      }),
    );
    expect(names.departments.get(o.sub.id)).toBe(o.sub.name);
    expect(names.teams.get(o.team.id)).toBe(o.team.name);
    expect(names.people.get(o.clerk.id)).toBe(o.clerk.displayName);
    expect(names.counterparties.get(o.customer.id)).toBe(o.customer.name);
  });
});
