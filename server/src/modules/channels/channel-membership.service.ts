import type {
  AddChannelMembersRequest,
  Channel,
  ChannelMember,
  UpdateChannelRequest,
} from '@liaison/contracts';
import type { ActorContext } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { changes } from '../audit/audit.service.ts';
import {
  channelEvent,
  checkExplicitMembership,
  checkExternalMembers,
  checkInternal,
  checkName,
  membershipEvents,
  valuesOf,
} from './channel-checks.ts';
import * as repo from './channels.repository.ts';
import type { ChannelsDeps, ChannelsService } from './channels.service.ts';

/** Changing a channel: its name, topic and owner, archiving, and the members of conversations. */
export class ChannelMembershipService {
  readonly #deps: ChannelsDeps;
  readonly #channels: Pick<ChannelsService, 'access' | 'get' | 'members'>;

  constructor(deps: ChannelsDeps, channels: Pick<ChannelsService, 'access' | 'get' | 'members'>) {
    this.#deps = deps;
    this.#channels = channels;
  }

  async update(ctx: ActorContext, id: string, input: UpdateChannelRequest): Promise<Channel> {
    const { db } = this.#deps;
    await db.transaction().execute(async (trx) => {
      const { channel, canManage } = await this.#channels.access(ctx, id, trx);
      if (!canManage) throw errors.forbidden(text('channels.errors.onlyManagersChange'));
      if (channel.archived_at) throw errors.conflict(text('channels.errors.archivedCannotChange'));
      if (channel.kind === 'direct' && channel.direct_key && input.ownerId) {
        throw errors.invalidField('body.ownerId', 'a one-to-one conversation has no owner');
      }
      if (input.name !== undefined && input.name !== channel.name && channel.kind !== 'direct') {
        await checkName(trx, channel.kind, input.name, valuesOf(channel));
      }
      if (input.ownerId && input.ownerId !== channel.owner_id) {
        if (channel.kind === 'direct' || channel.kind === 'external') {
          // The new owner must already be in the conversation; ownership alone grants nothing extra.
          const members = await repo.explicitMemberIds(trx, id);
          if (!members.includes(input.ownerId)) throw errors.invalidField('body.ownerId', 'must be a member');
          await repo.setRoles(trx, id, input.ownerId, channel.owner_id);
        } else {
          await checkInternal(trx, [input.ownerId]);
        }
      }
      const diff = changes({ name: channel.name, topic: channel.topic, ownerId: channel.owner_id }, input);
      if (Object.keys(diff).length === 0) return;
      if (diff.ownerId && channel.owner_id && input.ownerId) {
        // Owners read implied channels as owners: the old one may lose it, the new one gain it.
        await membershipEvents(this.#deps.events, trx, id, [channel.owner_id, input.ownerId]);
      }
      await repo.update(trx, id, {
        name: input.name ?? channel.name,
        topic: input.topic === undefined ? channel.topic : input.topic,
        owner_id: input.ownerId ?? channel.owner_id,
        updated_at: this.#deps.clock.now().toISOString(),
      });
      await channelEvent(this.#deps.events, trx, id);
      await this.#deps.audit.record(trx, ctx, {
        action: 'channel.updated',
        targetType: 'channel',
        targetId: id,
        summary: { name: channel.name, ...diff },
      });
    });
    this.#deps.events.committed();
    return this.#channels.get(ctx, id);
  }

  async setArchived(ctx: ActorContext, id: string, archived: boolean): Promise<Channel> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const { channel, canManage } = await this.#channels.access(ctx, id, trx);
      if (!canManage) throw errors.forbidden(text('channels.errors.onlyManagersArchive'));
      if (!!channel.archived_at === archived) return;
      await repo.update(trx, id, {
        archived_at: archived ? this.#deps.clock.now().toISOString() : null,
        updated_at: this.#deps.clock.now().toISOString(),
      });
      await channelEvent(this.#deps.events, trx, id);
      await this.#deps.audit.record(trx, ctx, {
        action: archived ? 'channel.archived' : 'channel.unarchived',
        targetType: 'channel',
        targetId: id,
        summary: { name: channel.name },
      });
    });
    this.#deps.events.committed();
    return this.#channels.get(ctx, id);
  }

  /**
   * Adds people to a direct group or an external channel (department, team and all-hands channels
   * follow the organisation instead). External channels take employees and the contacts of their
   * own counterparty only.
   */
  async addMembers(ctx: ActorContext, id: string, input: AddChannelMembersRequest): Promise<ChannelMember[]> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const { channel, canManage, isMember } = await this.#channels.access(ctx, id, trx);
      checkExplicitMembership(channel);
      // Anyone in a group conversation may invite; external channels need their owner or a manager.
      const allowed = channel.kind === 'direct' ? isMember : canManage;
      if (!allowed) throw errors.forbidden(text('channels.errors.onlyOwnerAdds'));
      if (channel.kind === 'direct' && channel.direct_key) {
        throw errors.conflict(text('channels.errors.oneToOneCannotGrow'));
      }
      const existing = new Set(await repo.explicitMemberIds(trx, id));
      const added = [...new Set(input.userIds)].filter((u) => !existing.has(u));
      if (added.length === 0) return;
      if (channel.kind === 'external')
        await checkExternalMembers(this.#deps.directory, trx, channel.counterparty_id!, added);
      else await checkInternal(trx, added);
      const now = this.#deps.clock.now().toISOString();
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
      await membershipEvents(this.#deps.events, trx, id, added);
      await this.#deps.audit.record(trx, ctx, {
        action: 'channel.members.added',
        targetType: 'channel',
        targetId: id,
        summary: { name: channel.name, userIds: added },
      });
    });
    this.#deps.events.committed();
    return this.#channels.members(ctx, id);
  }

  /** Removes a member (the owner or a manager removes anyone; anyone may leave). */
  /**
   * Removes a member: the owner or a manager removes anyone, anyone may leave. An owner leaving a
   * group conversation hands it to the longest-standing member; a one-to-one conversation is
   * not left (it would strand the other person).
   */
  async removeMember(ctx: ActorContext, id: string, userId: string): Promise<void> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const { channel, canManage } = await this.#channels.access(ctx, id, trx);
      checkExplicitMembership(channel);
      if (channel.direct_key) throw errors.conflict(text('channels.errors.oneToOneCannotLeave'));
      const leaving = userId === ctx.actor.userId;
      if (!leaving && !canManage) throw errors.forbidden(text('channels.errors.onlyOwnerRemoves'));
      if (userId === channel.owner_id) {
        if (!leaving || channel.kind !== 'direct')
          throw errors.conflict(text('channels.errors.handOverFirst'));
        const heir = (await repo.explicitMemberIds(trx, id)).find((m) => m !== userId);
        if (heir) {
          await repo.setRoles(trx, id, heir, null);
          await repo.update(trx, id, { owner_id: heir, updated_at: this.#deps.clock.now().toISOString() });
        }
      }
      if (!(await repo.removeMember(trx, id, userId)))
        throw errors.notFound(text('channels.nouns.channelMember'));
      await membershipEvents(this.#deps.events, trx, id, [userId]);
      await this.#deps.audit.record(trx, ctx, {
        action: 'channel.members.removed',
        targetType: 'channel',
        targetId: id,
        summary: { name: channel.name, userIds: [userId] },
      });
    });
    this.#deps.events.committed();
  }
}
