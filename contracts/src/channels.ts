import { z } from 'zod';
import { Id, nameText, Str, Timestamp, UserRef } from './common.ts';

/**
 * 群聊类型. Department groups follow the department (its whole subtree) automatically, team
 * groups follow the team, the all-hands group is every employee; direct and external channels
 * have explicit members. External channels are shared with the contacts of one counterparty.
 */
export const CHANNEL_KINDS = ['department', 'team', 'all_hands', 'direct', 'external'] as const;
export const ChannelKind = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof ChannelKind>;

export const Channel = z
  .object({
    id: Id,
    kind: ChannelKind,
    /** For direct messages: the other people's names, as the reader should see them. */
    name: z.string(),
    topic: z.string().nullable(),
    owner: UserRef.nullable(),
    department: z.object({ id: Id, name: z.string() }).nullable(),
    team: z.object({ id: Id, name: z.string() }).nullable(),
    counterparty: z.object({ id: Id, name: z.string() }).nullable(),
    archivedAt: Timestamp.nullable(),
    /** A direct conversation between exactly two people (no owner, cannot grow). */
    oneToOne: z.boolean(),
    memberCount: z.number().int(),
    /** Whether the reader is a member (a compliance officer may read without being one). */
    isMember: z.boolean(),
    canPost: z.boolean(),
    /** Whether the reader may change settings, members, archive, and moderate. */
    canManage: z.boolean(),
    unreadCount: z.number().int(),
    mentionCount: z.number().int(),
    lastReadSeq: z.number().int(),
    lastMessageSeq: z.number().int(),
    lastMessageAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

export const ChannelList = z.object({ items: z.array(Channel) });

export const ChannelListQuery = z.strictObject({
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** `all`: every channel in the company (compliance officers, for holds and archives). */
  scope: z.enum(['mine', 'all']).default('mine'),
});

export const CreateChannelRequest = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('department'),
    name: nameText(64),
    topic: Str.trim().max(500).nullable().optional(),
    /** Who runs it (default: the creator), e.g. the department head when an administrator creates it. */
    ownerId: Id.optional(),
    departmentId: Id,
  }),
  z.strictObject({
    kind: z.literal('team'),
    name: nameText(64),
    topic: Str.trim().max(500).nullable().optional(),
    /** Who runs it (default: the creator), e.g. the department head when an administrator creates it. */
    ownerId: Id.optional(),
    teamId: Id,
  }),
  z.strictObject({
    kind: z.literal('all_hands'),
    name: nameText(64),
    topic: Str.trim().max(500).nullable().optional(),
    /** Who runs it (default: the creator), e.g. the department head when an administrator creates it. */
    ownerId: Id.optional(),
  }),
  z.strictObject({
    kind: z.literal('direct'),
    /** The other people (1 for a 1:1 conversation, up to 20 for a small group). */
    memberIds: z.array(Id).min(1).max(20),
    name: Str.trim().max(64).optional(),
  }),
  z.strictObject({
    kind: z.literal('external'),
    name: nameText(64),
    topic: Str.trim().max(500).nullable().optional(),
    counterpartyId: Id,
    memberIds: z.array(Id).max(200).optional(),
  }),
]);
export type CreateChannelRequest = z.infer<typeof CreateChannelRequest>;

export const UpdateChannelRequest = z
  .strictObject({
    name: nameText(64),
    topic: Str.trim().max(500).nullable(),
    ownerId: Id,
  })
  .partial();
export type UpdateChannelRequest = z.infer<typeof UpdateChannelRequest>;

export const ChannelMember = z.object({
  user: UserRef,
  kind: z.enum(['employee', 'external']),
  title: z.string().nullable(),
  /** The department of an employee, or the organisation of an external contact. */
  organisation: z.string().nullable(),
  role: z.enum(['owner', 'member']),
  /** How they are in it: added by hand, or by following the department, team or company. */
  via: z.enum(['explicit', 'department', 'team', 'company']),
});
export type ChannelMember = z.infer<typeof ChannelMember>;

export const ChannelMemberList = z.object({ items: z.array(ChannelMember) });

export const AddChannelMembersRequest = z.strictObject({ userIds: z.array(Id).min(1).max(200) });
export type AddChannelMembersRequest = z.infer<typeof AddChannelMembersRequest>;

export const ChannelMemberParams = z.strictObject({ id: Id, userId: Id });

export const ArchiveChannelRequest = z.strictObject({ archived: z.boolean() });

/** 命名规则 per kind. Placeholders: {department}, {team}, {counterparty}; `*` matches any text. */
export const NamingRules = z
  .object({
    department: Str.max(100),
    team: Str.max(100),
    all_hands: Str.max(100),
    external: Str.max(100),
  })
  .meta({ id: 'NamingRules' });
export type NamingRules = z.infer<typeof NamingRules>;

export const UpdateNamingRulesRequest = NamingRules.partial().strict();

export const MarkReadRequest = z.strictObject({
  /** Read up to and including this message sequence number (default: the latest). */
  seq: z.number().int().min(0).optional(),
});
