import { type Channel, type CreateChannelRequest, can } from '@liaison/contracts';
import { type ActorContext, inScope, scopeFilter } from '../../platform/auth/actor.ts';
import { newId } from '../../platform/crypto/ids.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { checkExternalMembers, checkInternal, checkName } from './channel-checks.ts';
import * as repo from './channels.repository.ts';
import type { ChannelsDeps, ChannelsService } from './channels.service.ts';

/**
 * Opening channels: department, team and all-hands groups for those whose scope covers them,
 * direct conversations (one per pair of people), and external channels with one counterparty.
 */
export class ChannelCreationService {
  readonly #deps: ChannelsDeps;
  readonly #channels: Pick<ChannelsService, 'get'>;

  constructor(deps: ChannelsDeps, channels: Pick<ChannelsService, 'get'>) {
    this.#deps = deps;
    this.#channels = channels;
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
        await checkInternal(trx, [input.ownerId]);
        base.owner_id = input.ownerId;
      }
      let explicit: string[] = [];

      switch (input.kind) {
        case 'department': {
          const dept = (await this.#deps.directory.departments(trx, [input.departmentId])).get(
            input.departmentId,
          );
          if (!dept) throw errors.invalidField('body.departmentId', 'no such department');
          if (!inScope(scopeFilter(actor, 'channel.manage'), { departmentPath: dept.path, ownerIds: [] })) {
            throw errors.forbidden(text('channels.errors.departmentOutOfScope'));
          }
          await checkName(trx, 'department', input.name, { department: dept.name });
          base.department_id = dept.id;
          break;
        }
        case 'team': {
          const team = (await this.#deps.directory.teams(trx, [input.teamId])).get(input.teamId);
          if (!team) throw errors.invalidField('body.teamId', 'no such team');
          const manage = scopeFilter(actor, 'channel.manage');
          const allowed =
            team.owner_id === actor.userId ||
            manage.kind === 'all' ||
            (team.department_path !== null &&
              inScope(manage, { departmentPath: team.department_path, ownerIds: [] }));
          if (!allowed) throw errors.forbidden(text('channels.errors.teamGroupCreators'));
          await checkName(trx, 'team', input.name, { team: team.name, project: team.name });
          base.team_id = team.id;
          break;
        }
        case 'all_hands': {
          if (scopeFilter(actor, 'channel.manage').kind !== 'all') {
            throw errors.forbidden(text('channels.errors.allHandsCreators'));
          }
          await checkName(trx, 'all_hands', input.name, {});
          break;
        }
        case 'direct': {
          if (actor.kind !== 'employee')
            throw errors.forbidden(text('channels.errors.externalUsersExternalOnly'));
          const others = [...new Set(input.memberIds)].filter((u) => u !== actor.userId);
          if (others.length === 0)
            throw errors.invalidField('body.memberIds', 'name at least one other person');
          await checkInternal(trx, others);
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
            throw errors.forbidden(text('channels.errors.externalOpeners'));
          }
          if (actor.kind !== 'employee') throw errors.forbidden(text('channels.errors.externalByEmployees'));
          const cpName = (await this.#deps.directory.counterpartyNames(trx, [input.counterpartyId])).get(
            input.counterpartyId,
          );
          const cp = cpName === undefined ? undefined : { id: input.counterpartyId, name: cpName };
          if (!cp) throw errors.invalidField('body.counterpartyId', 'no such counterparty');
          await checkName(trx, 'external', input.name, { counterparty: cp.name });
          const others = [...new Set(input.memberIds ?? [])].filter((u) => u !== actor.userId);
          await checkExternalMembers(this.#deps.directory, trx, cp.id, others);
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
    return this.#channels.get(ctx, id);
  }
}
