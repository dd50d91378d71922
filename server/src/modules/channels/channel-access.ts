import { can } from '@liaison/contracts';
import { type Actor, inScope, scopeFilter } from '../../platform/auth/actor.ts';
import type { ChannelRow, Reader } from './channels.repository.ts';

export function readerOf(actor: Actor): Reader {
  return {
    userId: actor.userId,
    kind: actor.kind,
    departmentPath: actor.departmentPath,
    counterpartyId: actor.profile.counterparty?.id ?? null,
  };
}

/**
 * Who may administer a channel (settings, members, archive, moderation): its owner; for a team
 * channel the team's owner; otherwise `channel.manage` reaching the channel's department (the team's
 * department for team channels). All-hands, direct and external channels need company-wide scope.
 */
export function canManageChannel(actor: Actor, channel: ChannelRow): boolean {
  // Between two people nobody moderates the other.
  if (channel.direct_key) return false;
  if (channel.owner_id === actor.userId) return true;
  if (channel.kind === 'team' && channel.team_owner_id === actor.userId) return true;
  const filter = scopeFilter(actor, 'channel.manage');
  if (filter.kind === 'all') return true;
  if (channel.kind === 'department')
    return inScope(filter, { departmentPath: channel.department_path, ownerIds: [] });
  if (channel.kind === 'team')
    return inScope(filter, { departmentPath: channel.team_department_path, ownerIds: [] });
  return false;
}

/** Members post, except in archived channels and in the all-hands channel (owner and broadcasters only). */
export function canPostIn(actor: Actor, channel: ChannelRow, isMember: boolean): boolean {
  if (!isMember || channel.archived_at) return false;
  if (channel.kind === 'all_hands')
    return channel.owner_id === actor.userId || can(actor.grants, 'message.broadcast');
  return true;
}

/** Compliance officers read every channel (and its history) without being members. */
export function canAudit(actor: Actor): boolean {
  return can(actor.grants, 'message.audit');
}
