import {
  type Channel,
  type ControlPolicy,
  CreateChannelRequest,
  type Message,
  type PolicyRuleInput,
  PostMessageRequest,
  SavePolicyRequest,
} from '@liaison/contracts';
import type { TestApp } from '../app.ts';

/**
 * Factories for channels, messages and communication-control policies. Each arranges its data
 * through the services as the person named (so access rules still apply), with names that follow
 * the default naming rules; a test that is about something else does not repeat the POSTs.
 */

let counter = 0;

type Ref = { id: string };

/** The channel spec by kind; `by` creates it (and owns it unless `owner` is given). */
export type ChannelSpec =
  | { kind: 'direct'; by: Ref; members: readonly Ref[] }
  | { kind: 'department'; by?: Ref; department: { id: string; name: string }; owner?: Ref; name?: string }
  | { kind: 'team'; by: Ref; team: { id: string; name: string }; name?: string }
  | { kind: 'all_hands'; by?: Ref; owner?: Ref; name?: string }
  | {
      kind: 'external';
      by: Ref;
      counterparty: { id: string; name: string };
      members?: readonly Ref[];
      name?: string;
    };

/** A channel of any kind (the administrator creates department and all-hands ones by default). */
export async function buildChannel(t: TestApp, spec: ChannelSpec): Promise<Channel> {
  counter += 1;
  const by = spec.by ?? t.admin;
  const ctx = await t.ctxFor(by);
  const ids = (refs: readonly Ref[] | undefined) => (refs ?? []).map((r) => r.id);
  const input = (() => {
    switch (spec.kind) {
      case 'direct':
        return { kind: 'direct', memberIds: ids(spec.members) };
      case 'department':
        return {
          kind: 'department',
          name: spec.name ?? `${spec.department.name}-工作群${counter}`,
          departmentId: spec.department.id,
          ...(spec.owner ? { ownerId: spec.owner.id } : {}),
        };
      case 'team':
        return {
          kind: 'team',
          name: spec.name ?? `${spec.team.name}-项目群${counter}`,
          teamId: spec.team.id,
        };
      case 'all_hands':
        return {
          kind: 'all_hands',
          name: spec.name ?? `全员群${counter}`,
          ...(spec.owner ? { ownerId: spec.owner.id } : {}),
        };
      case 'external':
        return {
          kind: 'external',
          name: spec.name ?? `${spec.counterparty.name}-对接群${counter}`,
          counterpartyId: spec.counterparty.id,
          memberIds: ids(spec.members),
        };
    }
  })();
  return t.services.channels.create(ctx, CreateChannelRequest.parse(input));
}

/** A message `by` posts in the channel (a reply when `thread` is given). */
export async function buildMessage(
  t: TestApp,
  input: { channel: Ref; by: Ref; body?: string; thread?: Ref },
): Promise<Message> {
  counter += 1;
  return t.services.messages.post(
    await t.ctxFor(input.by),
    input.channel.id,
    PostMessageRequest.parse({
      body: input.body ?? `测试消息${counter}`,
      ...(input.thread ? { threadId: input.thread.id } : {}),
    }),
  );
}

/**
 * An enabled, enforced policy (created as the administrator unless `by` is given) with one rule:
 * the detectors (default: the built-in ID-card number) and the action given.
 */
export async function buildPolicy(
  t: TestApp,
  input: {
    by?: Ref;
    name?: string;
    action?: PolicyRuleInput['action'];
    detectors?: string[];
    rule?: Partial<PolicyRuleInput>;
    direction?: 'external' | 'internal' | 'any';
    mode?: 'enforce' | 'test';
  } = {},
): Promise<ControlPolicy> {
  counter += 1;
  return t.services.policies.createPolicy(
    await t.ctxFor(input.by ?? t.admin),
    SavePolicyRequest.parse({
      name: input.name ?? `测试策略${counter}`,
      mode: input.mode ?? 'enforce',
      scope: { direction: input.direction ?? 'any' },
      rules: [
        {
          name: `规则${counter}`,
          detectors: input.detectors ?? ['cn_id_card'],
          action: input.action ?? 'block',
          ...input.rule,
        },
      ],
    }),
  );
}
