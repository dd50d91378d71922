import { CreateTaskRequest, SavePolicyRequest } from '@liaison/contracts';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Services } from '../../services.ts';
import {
  DEMO_ANNOUNCEMENTS,
  DEMO_CHANNELS,
  DEMO_COUNTERPARTIES,
  DEMO_DEPARTMENTS,
  DEMO_DETECTORS,
  DEMO_PEOPLE,
  DEMO_POLICIES,
  DEMO_REQUESTS,
  DEMO_TASKS,
  DEMO_TEAMS,
} from './demo.data.ts';

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

  const counterpartyIds = new Map<string, string>();
  for (const c of DEMO_COUNTERPARTIES) {
    const created = await services.counterparties.create(ctx, {
      name: c.name,
      kind: c.kind,
      description: c.description,
    });
    counterpartyIds.set(c.name, created.id);
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
      counterpartyId: p.counterparty ? counterpartyIds.get(p.counterparty) : null,
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

  const teamIds = new Map<string, string>();
  for (const t of DEMO_TEAMS) {
    const team = await services.teams.create(ctx, {
      name: t.name,
      kind: t.kind,
      description: t.description,
      departmentId: departmentIds.get(t.department),
      ownerId: userIds.get(t.owner),
      memberIds: t.members.map((m) => userIds.get(m)!),
    });
    teamIds.set(t.name, team.id);
  }

  await seedConversations(services, ctx, { departmentIds, teamIds, counterpartyIds, userIds });
  // After the conversations, which were written before the company switched its policies on.
  await seedControl(services, ctx);
  await seedWork(services, ctx, { departmentIds, teamIds, userIds });
  await seedPublishing(services, ctx, { departmentIds, userIds });
  return true;
}

/** Announcements in the feed (one approved through the engine) and one waiting for approval. */
async function seedPublishing(
  services: Services,
  adminCtx: ActorContext,
  ids: { departmentIds: Map<string, string>; userIds: Map<string, string> },
): Promise<void> {
  const as = async (username: string): Promise<ActorContext> => ({
    ...adminCtx,
    actor: await services.auth.actorFor(ids.userIds.get(username)!),
  });
  const categories = new Map((await services.announcementCategories.categories()).map((c) => [c.key, c.id]));
  const calendar = await services.calendar.working();
  const now = services.clock.now();
  for (const a of DEMO_ANNOUNCEMENTS) {
    const author = await as(a.by);
    const draft = await services.announcementDrafts.create(author, {
      categoryId: categories.get(a.category)!,
      title: a.title,
      bodyHtml: a.bodyHtml,
      publishingDepartmentId: ids.departmentIds.get(a.department)!,
      ownerId: ids.userIds.get(a.owner)!,
      effectiveAt: now.toISOString(),
      expiresAt: null,
      pinned: a.pinned ?? false,
      importance: a.importance ?? 'normal',
      requiresAck: a.requiresAck ?? false,
      ackDeadline: a.ackInWorkingHours
        ? calendar.addWorkingHours(now, a.ackInWorkingHours).toISOString()
        : null,
      audience: {
        everyone: a.audience.everyone ?? false,
        departments: (a.audience.departments ?? []).map((code) => ({
          id: ids.departmentIds.get(code)!,
          includeChildren: true,
        })),
        teams: [],
        users: [],
        counterparties: [],
      },
      fileIds: [],
    });
    const submitted = await services.announcementPublishing.submit(author, draft.id);
    if (a.approvedBy && submitted.approvalId) {
      await services.approvals.decide(await as(a.approvedBy), submitted.approvalId, {
        decision: 'approve',
        comment: '同意发布',
      });
    }
    for (const reader of a.readBy ?? []) await services.announcementReceipts.read(await as(reader), draft.id);
  }
}

/** Tasks on every column of the board and cross-department requests in every state. */
async function seedWork(
  services: Services,
  adminCtx: ActorContext,
  ids: { departmentIds: Map<string, string>; teamIds: Map<string, string>; userIds: Map<string, string> },
): Promise<void> {
  const as = async (username: string): Promise<ActorContext> => ({
    ...adminCtx,
    actor: await services.auth.actorFor(ids.userIds.get(username)!),
  });
  const calendar = await services.calendar.working();
  const now = services.clock.now();
  for (const task of DEMO_TASKS) {
    const creator = await as(task.creator);
    const created = await services.tasks.create(
      creator,
      CreateTaskRequest.parse({
        title: task.title,
        description: task.description ?? '',
        assigneeId: task.assignee ? ids.userIds.get(task.assignee) : null,
        teamId: task.team ? ids.teamIds.get(task.team) : null,
        collaboratorIds: (task.collaborators ?? []).map((u) => ids.userIds.get(u)!),
        dueAt: task.dueInWorkingHours
          ? calendar.addWorkingHours(now, task.dueInWorkingHours).toISOString()
          : null,
        priority: task.priority ?? 'normal',
        checklist: task.checklist ?? [],
        nextStep: task.nextStep ?? null,
      }),
    );
    for (const reply of task.replies ?? []) {
      await services.taskReplies.reply(await as(reply.from), created.id, {
        body: reply.body,
        status: reply.status,
        fileIds: [],
      });
    }
  }
  for (const r of DEMO_REQUESTS) {
    const created = await services.requests.create(await as(r.by), {
      fromDepartmentId: ids.departmentIds.get(r.from)!,
      toDepartmentId: ids.departmentIds.get(r.to)!,
      title: r.title,
      body: r.body,
      priority: r.priority ?? 'normal',
      wantedBy: null,
    });
    if (r.response) await services.requests.reply(await as(r.response.from), created.id, r.response.body);
  }
}

/** The sample detectors and policies of communication control. */
async function seedControl(services: Services, ctx: ActorContext): Promise<void> {
  const detectorIds = new Map<string, string>();
  for (const d of DEMO_DETECTORS) {
    const created = await services.policies.createDetector(ctx, d);
    detectorIds.set(d.name, created.id);
  }
  for (const [i, p] of DEMO_POLICIES.entries()) {
    await services.policies.createPolicy(
      ctx,
      SavePolicyRequest.parse({
        ...p,
        priority: (i + 1) * 10,
        rules: p.rules.map((r) => ({
          ...r,
          detectors: ('detectors' in r ? (r.detectors ?? []) : []).map((d) => detectorIds.get(d) ?? d),
        })),
      }),
    );
  }
}

/** The demo channels and their conversations, posted by the people in them. */
async function seedConversations(
  services: Services,
  adminCtx: ActorContext,
  ids: {
    departmentIds: Map<string, string>;
    teamIds: Map<string, string>;
    counterpartyIds: Map<string, string>;
    userIds: Map<string, string>;
  },
): Promise<void> {
  const as = async (username: string): Promise<ActorContext> => ({
    ...adminCtx,
    actor: await services.auth.actorFor(ids.userIds.get(username)!),
  });
  for (const c of DEMO_CHANNELS) {
    const owner = await as(c.owner);
    const members = (c.members ?? []).map((m) => ids.userIds.get(m)!);
    let channel: { id: string };
    switch (c.kind) {
      case 'all_hands':
        channel = await services.channels.create(adminCtx, {
          kind: 'all_hands',
          name: c.name!,
          topic: c.topic ?? null,
          ownerId: ids.userIds.get(c.owner)!,
        });
        break;
      case 'department':
        channel = await services.channels.create(adminCtx, {
          kind: 'department',
          name: c.name!,
          departmentId: ids.departmentIds.get(c.of!)!,
          topic: c.topic ?? null,
          ownerId: ids.userIds.get(c.owner)!,
        });
        break;
      case 'team':
        channel = await services.channels.create(owner, {
          kind: 'team',
          name: c.name!,
          teamId: ids.teamIds.get(c.of!)!,
        });
        break;
      case 'external':
        channel = await services.channels.create(owner, {
          kind: 'external',
          name: c.name!,
          counterpartyId: ids.counterpartyIds.get(c.of!)!,
          memberIds: members,
          topic: c.topic ?? null,
        });
        break;
      case 'direct':
        channel = await services.channels.create(owner, { kind: 'direct', memberIds: members });
        break;
    }
    const posted: string[] = [];
    for (const m of c.messages) {
      const author = await as(m.from);
      const threadId = m.replyTo === undefined ? undefined : posted[m.replyTo];
      const message = await services.messages.post(author, channel.id, { body: m.body, threadId });
      posted.push(message.id);
      if (m.pin) await services.messages.pin(author, channel.id, message.id, true);
    }
  }
}
