import type { NamingRules } from '@liaison/contracts';
import type { Transaction } from 'kysely';
import type { DB, Executor } from '../../platform/db/schema.ts';
import type { EventLog } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import { activeUsers } from '../users/users.refs.ts';
import * as repo from './channels.repository.ts';
import type { ChannelDirectory } from './channels.service.ts';
import { DEFAULT_NAMING_RULES, exampleName, followsRule, type NamingValues } from './naming-rules.ts';

// Checks and live events the channel services share: naming rules, who may be a member, and the
// events that tell clients a channel or its membership changed.

export async function checkName(
  trx: Executor,
  kind: keyof NamingRules,
  name: string,
  values: NamingValues,
): Promise<void> {
  const rules = await rulesIn(trx);
  const pattern = rules[kind];
  if (!followsRule(pattern, name, values)) {
    const example = exampleName(pattern, values, kind);
    throw errors.validation(
      [{ path: 'body.name', message: `does not follow the naming rule ${pattern}, e.g. ${example}` }],
      text('channels.errors.nameRule', { pattern, example }),
    );
  }
}

export async function rulesIn(trx: Executor): Promise<NamingRules> {
  const rows = await repo.namingRules(trx);
  const rules = { ...DEFAULT_NAMING_RULES };
  for (const r of rows) if (r.kind in rules) rules[r.kind as keyof NamingRules] = r.pattern;
  return rules;
}

export function checkExplicitMembership(channel: repo.ChannelRow): void {
  if (channel.kind !== 'direct' && channel.kind !== 'external') {
    throw errors.conflict(text('channels.errors.membersFollowOrganisation'));
  }
}

export async function checkInternal(trx: Executor, userIds: readonly string[]): Promise<void> {
  const found = await activeUsers(trx, userIds);
  const bad = userIds.filter((id) => !found.some((u) => u.id === id && u.kind === 'employee'));
  if (bad.length > 0) {
    throw errors.validation(
      bad.map((id) => ({ path: 'body.memberIds', message: `${id} is not an active employee` })),
    );
  }
}

/** Employees, or the contacts of this channel's counterparty: never another organisation's. */
export async function checkExternalMembers(
  directory: Pick<ChannelDirectory, 'people'>,
  trx: Executor,
  counterpartyId: string,
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) return;
  const people = await directory.people(trx, [...new Set(userIds)]);
  const bad = userIds.filter((id) => {
    const u = people.get(id);
    return !u?.active || (u.kind === 'external' && u.counterpartyId !== counterpartyId);
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

export async function membershipEvents(
  events: EventLog,
  trx: Transaction<DB>,
  channelId: string,
  userIds: readonly string[],
): Promise<void> {
  await events.append(
    trx,
    {
      userIds,
      payload: { type: 'membership.changed', channelId },
    },
    { channelId, payload: { type: 'channel.updated', channelId } },
  );
}

export async function channelEvent(events: EventLog, trx: Transaction<DB>, channelId: string): Promise<void> {
  await events.append(trx, {
    channelId,
    payload: { type: 'channel.updated', channelId },
  });
}

export function valuesOf(channel: repo.ChannelRow): NamingValues {
  return {
    department: channel.department_name ?? undefined,
    team: channel.team_name ?? undefined,
    project: channel.team_name ?? undefined,
    counterparty: channel.counterparty_name ?? undefined,
  };
}
