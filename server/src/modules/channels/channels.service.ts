import type {
  AddChannelMembersRequest,
  Channel,
  ChannelKind,
  ChannelMember,
  CreateChannelRequest,
  NamingRules,
  UpdateChannelRequest,
} from '@liaison/contracts';
import type { Kysely, Transaction } from 'kysely';
import { type ActorContext, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { SqlDialect } from '../../platform/db/dialect.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import type { EventLog } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { type AuditService, changes } from '../audit/audit.service.ts';
import { canAudit, canManageChannel, canPostIn, readerOf } from './channel-access.ts';
import { channelEvent } from './channel-checks.ts';
import { ChannelCreationService } from './channel-creation.service.ts';
import { ChannelMembershipService } from './channel-membership.service.ts';
import * as repo from './channels.repository.ts';
import { DEFAULT_NAMING_RULES, unknownPlaceholders } from './naming-rules.ts';

export type { ChannelRow, Reader } from './channels.repository.ts';

export interface ChannelsDeps {
  db: Kysely<DB>;
  dialect: SqlDialect;
  clock: Clock;
  audit: AuditService;
  events: EventLog;
  directory: ChannelDirectory;
}

/**
 * What channels reads of people, departments, teams and counterparties, batched by ids. Wired in
 * services.ts from their services, so channels neither queries their tables nor imports them.
 */
export interface ChannelDirectory {
  /** The users among `ids` that exist, whatever their status. */
  people(
    db: Executor,
    ids: readonly string[],
  ): Promise<
    Map<
      string,
      {
        ref: { displayName: string };
        kind: 'employee' | 'external';
        active: boolean;
        counterpartyId: string | null;
      }
    >
  >;
  departments(
    db: Executor,
    ids: readonly string[],
  ): Promise<Map<string, { id: string; name: string; path: string }>>;
  teams(
    db: Executor,
    ids: readonly string[],
  ): Promise<
    Map<string, { id: string; name: string; owner_id: string | null; department_path: string | null }>
  >;
  counterpartyNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>>;
}

/** Counts unread mentions; the messages module provides it (it sits above channels, so it is set at wiring). */
export interface MentionCounter {
  unreadMentionCounts(
    db: Executor,
    userId: string,
    positions: ReadonlyMap<string, number>,
  ): Promise<Map<string, number>>;
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
  readonly #creation: ChannelCreationService;
  readonly #membership: ChannelMembershipService;
  #mentions: MentionCounter | null = null;

  constructor(deps: ChannelsDeps) {
    this.#deps = deps;
    this.#creation = new ChannelCreationService(deps, this);
    this.#membership = new ChannelMembershipService(deps, this);
  }

  /** Set once at wiring: messages own the mentions, and messages depend on channels. */
  setMentions(counter: MentionCounter): void {
    this.#mentions = counter;
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
    if (!canAudit(ctx.actor)) throw errors.forbidden(text('channels.errors.onlyComplianceListAll'));
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
    if (!channel) throw errors.notFound(text('nouns.channel'));
    const isMember = await repo.isMember(db, channel, readerOf(ctx.actor));
    const canRead = isMember || canAudit(ctx.actor);
    if (!canRead) throw errors.forbidden(text('channels.errors.notMember'));
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

  create(ctx: ActorContext, input: CreateChannelRequest): Promise<Channel> {
    return this.#creation.create(ctx, input);
  }

  update(ctx: ActorContext, id: string, input: UpdateChannelRequest): Promise<Channel> {
    return this.#membership.update(ctx, id, input);
  }

  setArchived(ctx: ActorContext, id: string, archived: boolean): Promise<Channel> {
    return this.#membership.setArchived(ctx, id, archived);
  }

  addMembers(ctx: ActorContext, id: string, input: AddChannelMembersRequest): Promise<ChannelMember[]> {
    return this.#membership.addMembers(ctx, id, input);
  }

  removeMember(ctx: ActorContext, id: string, userId: string): Promise<void> {
    return this.#membership.removeMember(ctx, id, userId);
  }

  /**
   * Before a team or department is deleted: its channels are archived (their history stays for
   * compliance and the owner); the deleting service calls this inside its own transaction.
   */
  async archiveFor(trx: Transaction<DB>, ref: { teamId: string } | { departmentId: string }): Promise<void> {
    const now = this.#now();
    const ids = await repo.archiveByOrganisation(trx, ref, now);
    for (const channelId of ids) await channelEvent(this.#deps.events, trx, channelId);
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
      throw errors.forbidden(text('channels.errors.namingRulesManagers'));
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

  async #present(
    db: Executor,
    ctx: ActorContext,
    rows: repo.ChannelRow[],
    memberOf: Set<string>,
  ): Promise<Channel[]> {
    const ids = rows.map((r) => r.id);
    const [reads, counts] = await Promise.all([
      repo.readPositions(db, ctx.actor.userId, ids),
      repo.memberCounts(db, rows),
    ]);
    // Unread mentions: those after the reader's position (all of them where they never read).
    const mentions = this.#mentions
      ? await this.#mentions.unreadMentionCounts(
          db,
          ctx.actor.userId,
          new Map(ids.map((id) => [id, reads.get(id) ?? 0])),
        )
      : new Map<string, number>();
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
    const listed = await repo.listedMembersOf(
      db,
      rows.map((r) => r.id),
    );
    const people = await this.#deps.directory.people(db, [...new Set(listed.map((m) => m.user_id))]);
    const members = listed.flatMap((m) => {
      const person = people.get(m.user_id);
      return person
        ? [{ channel_id: m.channel_id, id: m.user_id, display_name: person.ref.displayName }]
        : [];
    });
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
