import { z } from 'zod';
import { ChannelKind } from './channels.ts';
import { Id, Month, Timestamp, text, UserRef } from './common.ts';

/** Communication records are kept at least two years (沟通记录至少保存2年). */
export const MIN_RETENTION_DAYS = 730;

export const RetentionPolicy = z
  .object({
    channelKind: ChannelKind,
    keepDays: z.number().int(),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'RetentionPolicy' });
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

export const RetentionPolicyList = z.object({ items: z.array(RetentionPolicy) });

export const UpdateRetentionPolicyRequest = z.strictObject({
  keepDays: z.number().int().min(MIN_RETENTION_DAYS).max(36_500),
});

export const ChannelKindParams = z.strictObject({ kind: ChannelKind });

export const LegalHold = z
  .object({
    id: Id,
    targetType: z.enum(['channel', 'user']),
    targetId: Id,
    targetName: z.string(),
    reason: z.string(),
    createdBy: UserRef.nullable(),
    createdAt: Timestamp,
    releasedAt: Timestamp.nullable(),
    releasedBy: UserRef.nullable(),
  })
  .meta({ id: 'LegalHold' });
export type LegalHold = z.infer<typeof LegalHold>;

export const LegalHoldList = z.object({ items: z.array(LegalHold) });

export const CreateLegalHoldRequest = z.strictObject({
  targetType: z.enum(['channel', 'user']),
  targetId: Id,
  reason: text(500),
});
export type CreateLegalHoldRequest = z.infer<typeof CreateLegalHoldRequest>;

/** A month of one channel, archived as JSON Lines or CSV (月度归档). */
export const MessageArchive = z
  .object({
    id: Id,
    channel: z.object({ id: Id, name: z.string() }),
    month: z.string().regex(/^\d{4}-\d{2}$/),
    format: z.enum(['jsonl', 'csv']),
    messageCount: z.number().int(),
    size: z.number().int(),
    createdAt: Timestamp,
  })
  .meta({ id: 'MessageArchive' });
export type MessageArchive = z.infer<typeof MessageArchive>;

export const MessageArchiveList = z.object({ items: z.array(MessageArchive) });

export const ArchiveListQuery = z.strictObject({
  channelId: Id.optional(),
  month: Month.optional(),
});

export const CreateArchiveRequest = z.strictObject({
  channelId: Id,
  month: Month,
});
