import {
  type AddChannelMembersRequest,
  type Channel,
  type ChannelKind,
  type ChannelMember,
  type CreateChannelRequest,
  can,
  type NamingRules,
  type UpdateChannelRequest,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import { type ActorContext, inScope, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import type { EventLog } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import { type AuditService, changes } from '../audit/audit.service.ts';
import { activeUsers } from '../users/users.refs.ts';
import { canAudit, canManageChannel, canPostIn, readerOf } from './channel-access.ts';
import * as repo from './channels.repository.ts';
import {
  DEFAULT_NAMING_RULES,
  exampleName,
  followsRule,
  type NamingValues,
  unknownPlaceholders,
} from './naming-rules.ts';

export type { ChannelRow, Reader } from './channels.repository.ts';

export interface ChannelsDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  events: EventLog;
}

/** What the messages module needs to know about a reader and a channel before it does anything. */
export interface ChannelAccess {
  channel: repo.ChannelRow;
  isMember: boolean;
  canRead: boolean;
  canPost: boolean;
  canManage: boolean;
}

/** Department, team, all-hands, direct and external channels (群聊与私聊), their members and read positions. */
export class ChannelsService {
  readonly #deps: ChannelsDeps;

  constructor(deps: ChannelsDeps) {
    this.#deps = deps;
  }

  /** The reader's channels; with `all`, every channel (compliance officers only). */
  async list(
    ctx: ActorContext,
    includeArchived: boolean,
    scope: 'mine' | 'all' = 'mine',
  ): Promise<Channel[]> {
    const db = this.#deps.db;
    const mine = await repo.listForReader(db, readerOf(ctx.actor), includeArchived);
    if (scope === 'mine') return this.#present(db, ctx, mine, new Set(mine.map((r) => r.id)));
    if (!canAudit(ctx.actor)) throw errors.forbidden('Only compliance officers list every channel.');
    const all = await repo.listAll(db, includeArchived);
    return this.#present(db, ctx, all, new Set(mine.map((r) => r.id)));
  }

  async get(ctx: ActorContext, id: string): Promise<Channel> {
    const access = await this.access(ctx, id);
    const [channel] = await this.#present(
      this.#deps.db,
      ctx,
      [access.channel],
      new Set(access.isMember ? [id] : []),
    );
    return channel!;
  }

  /** The reader's rights in a channel; 403 for a channel they may not read (404 when there is none). */
  async access(ctx: ActorContext, id: string, db: Executor = this.#deps.db): Promise<ChannelAccess> {
    const channel = await repo.findById(db, id);
    if (!channel) throw errors.notFound('Channel');
    const isMember = await repo.isMember(db, channel, readerOf(ctx.actor));
    const canRead = isMember || canAudit(ctx.actor);
    if (!canRead) throw errors.forbidden('You are not a member of this channel.');
    return {
      channel,
      isMember,
      canRead,
      canPost: canPostIn(ctx.actor, channel, isMember),
      canManage: canManageChannel(ctx.actor, channel),
    };
  }

  /** Ids of every channel the user belongs to (for search filters and live-delivery subscriptions). */
  async memberChannelIds(reader: repo.Reader, db: Executor = this.#deps.db): Promise<string[]> {
    return (await repo.listForReader(db, reader, true)).map((c) => c.id);
  }

  /** A channel by id, without an access check (for modules acting on behalf of the system). */
  byId(db: Executor, id: string): Promise<repo.ChannelRow | undefined> {
    return repo.findById(db, id);
  }

  /** Channels by id in one query (search results, review queues, archives). */
  async byIds(db: Executor, ids: readonly string[]): Promise<Map<string, repo.ChannelRow>> {
    return new Map((await repo.findByIds(db, [...new Set(ids)])).map((c) => [c.id, c]));
  }

  /** Ids of every channel of a kind. */
  idsOfKind(db: Executor, kind: ChannelKind): Promise<string[]> {
    return repo.idsOfKind(db, kind);
  }

  /** Channels these people are listed members of (a legal hold keeps both sides of their conversations). */
  listedChannelIds(db: Executor, userIds: readonly string[]): Promise<string[]> {
    return repo.listedChannelIds(db, userIds);
  }

  /** Takes the channel's next message seq; its row stays locked until the transaction ends. */
  nextSeq(trx: Executor, channelId: string, at: string): Promise<number> {
    return repo.nextSeq(trx, channelId, at);
  }

  /** Moves a read position forward (never back) inside the caller's transaction; whether it moved. */
  advanceRead(trx: Executor, channelId: string, userId: string, seq: number, at: string): Promise<boolean> {
    return repo.markRead(trx, channelId, userId, seq, at);
  }

  async members(ctx: ActorContext, id: string): Promise<ChannelMember[]> {
    const { channel } = await this.access(ctx, id);
    // A conversation between two people has no owner, whoever happened to open it.
    const oneToOne = channel.direct_key !== null;
    return (await repo.members(this.#deps.db, channel)).map((m) => ({
      user: { id: m.id, username: m.username, displayName: m.display_name },
      kind: m.kind,
      title: m.title,
      organisation: m.organisation,
      role: !oneToOne && (m.role === 'owner' || m.id === channel.owner_id) ? 'owner' : 'member',
      via: m.via,
    }));
  }

  /** User ids of everyone in the channel (for @channel mentions and mention validation). */
  async memberIds(db: Executor, channel: repo.ChannelRow): Promise<string[]> {
    return (await repo.members(db, channel)).map((m) => m.id);
  }

  async create(ctx: ActorContext, input: CreateChannelRequest): Promise<Channel> {
    const { db, clock } = this.#deps;
    const actor = ctx.actor;
    const now = clock.now().toISOString();
    let id = newId();
    let created = true;
    await db.transaction().execute(async (trx) => {
      const base = {
        id,
        kind: input.kind,
        name: 'name' in input && input.name ? input.name : '',
        topic: 'topic' in input ? (input.topic ?? null) : null,
        owner_id: actor.userId,
        department_id: null as string | null,
        team_id: null as string | null,
        counterparty_id: null as string | null,
        direct_key: null as string | null,
        last_seq: 0,
        last_message_at: null,
        archived_at: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      };
      // Groups that follow the organisation have no listed members: their owner reads them as owner.
      if ('ownerId' in input && input.ownerId && input.ownerId !== actor.userId) {
        await this.#checkInternal(trx, [input.ownerId]);
        base.owner_id = input.ownerId;
      }
      let explicit: string[] = [];

      switch (input.kind) {
        case 'department': {
          const dept = await trx
            .selectFrom('departments')
            .select(['id', 'name', 'path'])
            .where('id', '=', input.departmentId)
            .executeTakeFirst();
          if (!dept) throw errors.invalidField('body.departmentId', 'no such department');
          if (!inScope(scopeFilter(actor, 'channel.manage'), { departmentPath: dept.path, ownerIds: [] })) {
            throw errors.forbidden('You can only create groups for departments within your scope.');
          }
          await this.#checkName(trx, 'department', input.name, { department: dept.name });
          base.department_id = dept.id;
          break;
        }
        case 'team': {
          const team = await trx
            .selectFrom('teams')
            .leftJoin('departments', 'departments.id', 'teams.department_id')
            .select(['teams.id', 'teams.name', 'teams.owner_id', 'departments.path'])
            .where('teams.id', '=', input.teamId)
            .executeTakeFirst();
          if (!team) throw errors.invalidField('body.teamId', 'no such team');
          const manage = scopeFilter(actor, 'channel.manage');
          const allowed =
            team.owner_id === actor.userId ||
            manage.kind === 'all' ||
            (team.path !== null && inScope(manage, { departmentPath: team.path, ownerIds: [] }));
          if (!allowed)
            throw errors.forbidden(
              'Only the team owner or a manager of its department can create its group.',
            );
          await this.#checkName(trx, 'team', input.name, { team: team.name, project: team.name });
          base.team_id = team.id;
          break;
        }
        case 'all_hands': {
          if (scopeFilter(actor, 'channel.manage').kind !== 'all') {
            throw errors.forbidden('Only company-wide channel managers can create an all-hands group.');
          }
          await this.#checkName(trx, 'all_hands', input.name, {});
          break;
        }
        case 'direct': {
          if (actor.kind !== 'employee') throw errors.forbidden('External users talk in external channels.');
          const others = [...new Set(input.memberIds)].filter((u) => u !== actor.userId);
          if (others.length === 0)
            throw errors.invalidField('body.memberIds', 'name at least one other person');
          await this.#checkInternal(trx, others);
          explicit = [actor.userId, ...others];
          if (others.length === 1) {
            // One conversation per pair of people: opening it again returns the same one.
            base.direct_key = [...explicit].sort().join(':');
            const existing = await repo.findByDirectKey(trx, base.direct_key);
            if (existing) {
              id = existing.id;
              created = false;
              return;
            }
          }
          break;
        }
        case 'external': {
          if (!can(actor.grants, 'channel.external')) {
            throw errors.forbidden('Only communication liaisons and managers open external channels.');
          }
          if (actor.kind !== 'employee') throw errors.forbidden('External channels are opened by employees.');
          const cp = await trx
            .selectFrom('counterparties')
            .select(['id', 'name'])
            .where('id', '=', input.counterpartyId)
            .executeTakeFirst();
          if (!cp) throw errors.invalidField('body.counterpartyId', 'no such counterparty');
          await this.#checkName(trx, 'external', input.name, { counterparty: cp.name });
          const others = [...new Set(input.memberIds ?? [])].filter((u) => u !== actor.userId);
          await this.#checkExternalMembers(trx, cp.id, others);
          explicit = [actor.userId, ...others];
          base.counterparty_id = cp.id;
          break;
        }
      }

      await repo.insert(trx, base);
      await repo.addMembers(
        trx,
        explicit.map((userId) => ({
          channel_id: id,
          user_id: userId,
          role: userId === base.owner_id ? ('owner' as const) : ('member' as const),
          added_by: actor.userId,
          joined_at: now,
        })),
      );
      await this.#deps.events.append(trx, {
        userIds: explicit,
        payload: { type: 'membership.changed', channelId: id },
      });
      if (input.kind === 'department' || input.kind === 'team' || input.kind === 'all_hands') {
        // Implied members learn of it through the channel itself.
        await this.#deps.events.append(trx, {
          channelId: id,
          payload: { type: 'channel.updated', channelId: id },
        });
      }
      await this.#deps.audit.record(trx, ctx, {
        action: 'channel.created',
        targetType: 'channel',
        targetId: id,
        summary: {
          kind: input.kind,
          name: base.name,
          departmentId: base.department_id,
          teamId: base.team_id,
          counterpartyId: base.counterparty_id,
          members: explicit,
        },
      });
    });
    if (created) this.#deps.events.committed();
    return this.get(ctx, id);
  }

  async update(ctx: ActorContext, id: string, input: UpdateChannelRequest): Promise<Channel> {
    const { db } = this.#deps;
    await db.transaction().execute(async (trx) => {
      const { channel, canManage } = await this.access(ctx, id, trx);
      if (!canManage) throw errors.forbidden('Only the channel owner or a manager can change it.');
      if (channel.archived_at) throw errors.conflict('This channel is archived; unarchive it to change it.');
      if (channel.kind === 'direct' && channel.direct_key && input.ownerId) {
        throw errors.invalidField('body.ownerId', 'a one-to-one conversation has no owner');
      }
      if (input.name !== undefined && input.name !== channel.name && channel.kind !== 'direct') {
        await this.#checkName(trx, channel.kind, input.name, valuesOf(channel));
      }
      if (input.ownerId && input.ownerId !== channel.owner_id) {
        if (channel.kind === 'direct' || channel.kind === 'external') {
          // The new owner must already be in the conversation; ownership alone grants nothing extra.
          const members = await repo.explicitMemberIds(trx, id);
          if (!members.includes(input.ownerId)) throw errors.invalidField('body.ownerId', 'must be a member');
          await repo.setRoles(trx, id, input.ownerId, channel.owner_id);
        } else {
          await this.#checkInternal(trx, [input.ownerId]);
        }
      }
      const diff = changes({ name: channel.name, topic: channel.topic, ownerId: channel.owner_id }, input);
      if (Object.keys(diff).length === 0) return;
      if (diff.ownerId && channel.owner_id && input.ownerId) {
        // Owners read implied channels as owners: the old one may lose it, the new one gain it.
        await this.#membershipEvents(trx, id, [channel.owner_id, input.ownerId]);
      }
      await repo.update(trx, id, {
        name: input.name ?? channel.name,
        topic: input.topic === undefined ? channel.topic : input.topic,
        owner_id: input.ownerId ?? channel.owner_id,
        updated_at: this.#now(),
      });
      await this.#channelEvent(trx, id);
      await this.#deps.audit.record(trx, ctx, {
        action: 'channel.updated',
        targetType: 'channel',
        targetId: id,
        summary: { name: channel.name, ...diff },
      });
    });
    this.#deps.events.committed();
    return this.get(ctx, id);
  }

  async setArchived(ctx: ActorContext, id: string, archived: boolean): Promise<Channel> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const { channel, canManage } = await this.access(ctx, id, trx);
      if (!canManage) throw errors.forbidden('Only the channel owner or a manager can archive it.');
      if (!!channel.archived_at === archived) return;
      await repo.update(trx, id, { archived_at: archived ? this.#now() : null, updated_at: this.#now() });
      await this.#channelEvent(trx, id);
      await this.#deps.audit.record(trx, ctx, {
        action: archived ? 'channel.archived' : 'channel.unarchived',
        targetType: 'channel',
        targetId: id,
        summary: { name: channel.name },
      });
    });
    this.#deps.events.committed();
    return this.get(ctx, id);
  }

  /**
   * Adds people to a direct group or an external channel (department, team and all-hands channels
   * follow the organisation instead). External channels take employees and the contacts of their
   * own counterparty only.
   */
  async addMembers(ctx: ActorContext, id: string, input: AddChannelMembersRequest): Promise<ChannelMember[]> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const { channel, canManage, isMember } = await this.access(ctx, id, trx);
      this.#checkExplicitMembership(channel);
      // Anyone in a group conversation may invite; external channels need their owner or a manager.
      const allowed = channel.kind === 'direct' ? isMember : canManage;
      if (!allowed) throw errors.forbidden('Only the channel owner can add members.');
      if (channel.kind === 'direct' && channel.direct_key) {
        throw errors.conflict('A one-to-one conversation cannot grow; start a group conversation instead.');
      }
      const existing = new Set(await repo.explicitMemberIds(trx, id));
      const added = [...new Set(input.userIds)].filter((u) => !existing.has(u));
      if (added.length === 0) return;
      if (channel.kind === 'external') await this.#checkExternalMembers(trx, channel.counterparty_id!, added);
      else await this.#checkInternal(trx, added);
      const now = this.#now();
      await repo.addMembers(
        trx,
        added.map((userId) => ({
          channel_id: id,
          user_id: userId,
          role: 'member',
          added_by: ctx.actor.userId,
          joined_at: now,
        })),
      );
      await this.#membershipEvents(trx, id, added);
      await this.#deps.audit.record(trx, ctx, {
        action: 'channel.members.added',
        targetType: 'channel',
        targetId: id,
        summary: { name: channel.name, userIds: added },
      });
    });
    this.#deps.events.committed();
    return this.members(ctx, id);
  }

  /** Removes a member (the owner or a manager removes anyone; anyone may leave). */
  /**
   * Removes a member: the owner or a manager removes anyone, anyone may leave. An owner leaving a
   * group conversation hands it to the longest-standing member; a one-to-one conversation is
   * not left (it would strand the other person).
   */
  async removeMember(ctx: ActorContext, id: string, userId: string): Promise<void> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const { channel, canManage } = await this.access(ctx, id, trx);
      this.#checkExplicitMembership(channel);
      if (channel.direct_key) throw errors.conflict('A one-to-one conversation cannot be left.');
      const leaving = userId === ctx.actor.userId;
      if (!leaving && !canManage) throw errors.forbidden('Only the channel owner can remove members.');
      if (userId === channel.owner_id) {
        if (!leaving || channel.kind !== 'direct')
          throw errors.conflict('Hand the channel to another owner first.');
        const heir = (await repo.explicitMemberIds(trx, id)).find((m) => m !== userId);
        if (heir) {
          await repo.setRoles(trx, id, heir, null);
          await repo.update(trx, id, { owner_id: heir, updated_at: this.#now() });
        }
      }
      if (!(await repo.removeMember(trx, id, userId))) throw errors.notFound('Channel member');
      await this.#membershipEvents(trx, id, [userId]);
      await this.#deps.audit.record(trx, ctx, {
        action: 'channel.members.removed',
        targetType: 'channel',
        targetId: id,
        summary: { name: channel.name, userIds: [userId] },
      });
    });
    this.#deps.events.committed();
  }

  /**
   * Before a team or department is deleted: its channels are archived (their history stays for
   * compliance and the owner); the deleting service calls this inside its own transaction.
   */
  async archiveFor(trx: Transaction<DB>, ref: { teamId: string } | { departmentId: string }): Promise<void> {
    const now = this.#now();
    const ids = await repo.archiveByOrganisation(trx, ref, now);
    for (const channelId of ids) await this.#channelEvent(trx, channelId);
  }

  /** Moves the reader's read position forward (to the latest message when no seq is given). */
  async markRead(ctx: ActorContext, id: string, seq?: number): Promise<{ lastReadSeq: number }> {
    const { channel, isMember } = await this.access(ctx, id);
    if (!isMember) return { lastReadSeq: 0 };
    const target = Math.min(seq ?? Number(channel.last_seq), Number(channel.last_seq));
    let moved = false;
    await this.#deps.db.transaction().execute(async (trx) => {
      moved = await repo.markRead(trx, id, ctx.actor.userId, target, this.#now());
      if (moved) {
        await this.#deps.events.append(trx, {
          userIds: [ctx.actor.userId],
          payload: { type: 'read.updated', channelId: id, userId: ctx.actor.userId, lastReadSeq: target },
        });
      }
    });
    if (moved) this.#deps.events.committed();
    return { lastReadSeq: target };
  }

  async namingRules(): Promise<NamingRules> {
    const rows = await repo.namingRules(this.#deps.db);
    const rules = { ...DEFAULT_NAMING_RULES };
    for (const r of rows) if (r.kind in rules) rules[r.kind as keyof NamingRules] = r.pattern;
    return rules;
  }

  async updateNamingRules(ctx: ActorContext, input: Partial<NamingRules>): Promise<NamingRules> {
    if (scopeFilter(ctx.actor, 'channel.manage').kind !== 'all') {
      throw errors.forbidden('Naming rules are set by company-wide channel managers.');
    }
    for (const [kind, pattern] of Object.entries(input) as [keyof NamingRules, string][]) {
      const unknown = unknownPlaceholders(kind, pattern);
      if (unknown.length > 0)
        throw errors.invalidField(`body.${kind}`, `unknown placeholder {${unknown[0]}}`);
    }
    const before = await this.namingRules();
    await this.#deps.db.transaction().execute(async (trx) => {
      for (const [kind, pattern] of Object.entries(input) as [ChannelKind, string][]) {
        await repo.saveNamingRule(trx, kind, pattern.trim() || '*', ctx.actor.userId, this.#now());
      }
      await this.#deps.audit.record(trx, ctx, {
        action: 'channel.naming_rules.changed',
        targetType: 'naming_rules',
        summary: changes(before, input),
      });
    });
    return this.namingRules();
  }

  async #checkName(
    trx: Executor,
    kind: keyof NamingRules,
    name: string,
    values: NamingValues,
  ): Promise<void> {
    const rules = await this.#rulesIn(trx);
    const pattern = rules[kind];
    if (!followsRule(pattern, name, values)) {
      const example = exampleName(pattern, values, kind);
      throw errors.validation(
        [{ path: 'body.name', message: `does not follow the naming rule ${pattern}, e.g. ${example}` }],
        `The name must follow the naming rule "${pattern}" (for example "${example}").`,
      );
    }
  }

  async #rulesIn(trx: Executor): Promise<NamingRules> {
    const rows = await repo.namingRules(trx);
    const rules = { ...DEFAULT_NAMING_RULES };
    for (const r of rows) if (r.kind in rules) rules[r.kind as keyof NamingRules] = r.pattern;
    return rules;
  }

  #checkExplicitMembership(channel: repo.ChannelRow): void {
    if (channel.kind !== 'direct' && channel.kind !== 'external') {
      throw errors.conflict(
        'Members of this channel follow the organisation; change the department or team instead.',
      );
    }
  }

  async #checkInternal(trx: Executor, userIds: readonly string[]): Promise<void> {
    const found = await activeUsers(trx, userIds);
    const bad = userIds.filter((id) => !found.some((u) => u.id === id && u.kind === 'employee'));
    if (bad.length > 0) {
      throw errors.validation(
        bad.map((id) => ({ path: 'body.memberIds', message: `${id} is not an active employee` })),
      );
    }
  }

  /** Employees, or the contacts of this channel's counterparty: never another organisation's. */
  async #checkExternalMembers(
    trx: Executor,
    counterpartyId: string,
    userIds: readonly string[],
  ): Promise<void> {
    if (userIds.length === 0) return;
    const rows = await trx
      .selectFrom('users')
      .select(['id', 'kind', 'counterparty_id'])
      .where('id', 'in', userIds)
      .where('status', '=', 'active')
      .execute();
    const bad = userIds.filter((id) => {
      const u = rows.find((r) => r.id === id);
      return !u || (u.kind === 'external' && u.counterparty_id !== counterpartyId);
    });
    if (bad.length > 0) {
      throw errors.validation(
        bad.map((id) => ({
          path: 'body.userIds',
          message: `${id} is not an employee or a contact of this counterparty`,
        })),
      );
    }
  }

  async #membershipEvents(
    trx: Transaction<DB>,
    channelId: string,
    userIds: readonly string[],
  ): Promise<void> {
    await this.#deps.events.append(
      trx,
      {
        userIds,
        payload: { type: 'membership.changed', channelId },
      },
      { channelId, payload: { type: 'channel.updated', channelId } },
    );
  }

  async #channelEvent(trx: Transaction<DB>, channelId: string): Promise<void> {
    await this.#deps.events.append(trx, {
      channelId,
      payload: { type: 'channel.updated', channelId },
    });
  }

  async #present(
    db: Executor,
    ctx: ActorContext,
    rows: repo.ChannelRow[],
    memberOf: Set<string>,
  ): Promise<Channel[]> {
    const ids = rows.map((r) => r.id);
    const [reads, mentions, counts] = await Promise.all([
      repo.readPositions(db, ctx.actor.userId, ids),
      repo.mentionCounts(db, ctx.actor.userId, ids),
      repo.memberCounts(db, rows),
    ]);
    const directNames = await this.#directNames(
      db,
      ctx.actor.userId,
      rows.filter((r) => r.kind === 'direct'),
    );
    return rows.map((r) => {
      const lastRead = reads.get(r.id) ?? 0;
      const isMember = memberOf.has(r.id);
      return {
        id: r.id,
        kind: r.kind,
        name: r.kind === 'direct' && !r.name ? (directNames.get(r.id) ?? '') : r.name,
        topic: r.topic,
        owner:
          r.owner_id && r.owner_username && r.direct_key === null
            ? { id: r.owner_id, username: r.owner_username, displayName: r.owner_name ?? '' }
            : null,
        department:
          r.department_id && r.department_name ? { id: r.department_id, name: r.department_name } : null,
        team: r.team_id && r.team_name ? { id: r.team_id, name: r.team_name } : null,
        counterparty:
          r.counterparty_id && r.counterparty_name
            ? { id: r.counterparty_id, name: r.counterparty_name }
            : null,
        archivedAt: r.archived_at,
        oneToOne: r.direct_key !== null,
        memberCount: counts.get(r.id) ?? 0,
        isMember,
        canPost: canPostIn(ctx.actor, r, isMember),
        canManage: canManageChannel(ctx.actor, r),
        unreadCount: isMember ? Math.max(0, Number(r.last_seq) - lastRead) : 0,
        mentionCount: isMember ? (mentions.get(r.id) ?? 0) : 0,
        lastReadSeq: lastRead,
        lastMessageSeq: Number(r.last_seq),
        lastMessageAt: r.last_message_at,
        createdAt: r.created_at,
      };
    });
  }

  /** A direct conversation is named by the other people in it, as this reader sees it. */
  async #directNames(db: Executor, readerId: string, rows: repo.ChannelRow[]): Promise<Map<string, string>> {
    if (rows.length === 0) return new Map();
    const members = await db
      .selectFrom('channel_members')
      .innerJoin('users', 'users.id', 'channel_members.user_id')
      .select(['channel_members.channel_id', 'users.id', 'users.display_name'])
      .where(
        'channel_members.channel_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const names = new Map<string, string[]>();
    for (const m of members) {
      if (m.id === readerId) continue;
      names.set(m.channel_id, [...(names.get(m.channel_id) ?? []), m.display_name]);
    }
    return new Map([...names].map(([id, list]) => [id, list.join('、')]));
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }
}

function valuesOf(channel: repo.ChannelRow): NamingValues {
  return {
    department: channel.department_name ?? undefined,
    team: channel.team_name ?? undefined,
    project: channel.team_name ?? undefined,
    counterparty: channel.counterparty_name ?? undefined,
  };
}
