import { z } from 'zod';
import { Id, Month, nameText, PageQuery, page, Str, Timestamp, text, UserRef } from './common.ts';
import { DepartmentRef } from './tasks.ts';

export const AnnouncementCategory = z
  .object({
    id: Id,
    key: z.string(),
    name: z.string(),
    /** Publishing in this category needs approval (department head, then as the template says). */
    requiresApproval: z.boolean(),
    sortOrder: z.number().int(),
  })
  .meta({ id: 'AnnouncementCategory' });
export type AnnouncementCategory = z.infer<typeof AnnouncementCategory>;

export const SaveCategoryRequest = z.strictObject({
  key: Str.trim().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _'),
  name: nameText(40),
  requiresApproval: z.boolean(),
  sortOrder: z.number().int().min(0).max(10_000).default(100),
});
export type SaveCategoryRequest = z.infer<typeof SaveCategoryRequest>;

export const ANNOUNCEMENT_IMPORTANCE = ['normal', 'important', 'major'] as const;
export const AnnouncementImportance = z.enum(ANNOUNCEMENT_IMPORTANCE);
export type AnnouncementImportance = z.infer<typeof AnnouncementImportance>;

export const ANNOUNCEMENT_STATUSES = [
  'draft',
  'in_approval',
  'returned',
  'scheduled',
  'published',
  'expired',
  'withdrawn',
] as const;
export const AnnouncementStatus = z.enum(ANNOUNCEMENT_STATUSES);
export type AnnouncementStatus = z.infer<typeof AnnouncementStatus>;

/** Who an announcement is for: resolved to people when it is published. */
export const Audience = z
  .strictObject({
    everyone: z.boolean().default(false),
    departments: z
      .array(z.strictObject({ id: Id, includeChildren: z.boolean().default(true) }))
      .max(200)
      .default([]),
    teams: z.array(Id).max(200).default([]),
    users: z.array(Id).max(5000).default([]),
    /** External organisations: their portal users (contacts). */
    counterparties: z.array(Id).max(200).default([]),
  })
  .meta({ id: 'Audience' });
export type Audience = z.infer<typeof Audience>;

export const AnnouncementFile = z.object({
  id: Id,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

export const Announcement = z
  .object({
    id: Id,
    category: AnnouncementCategory.pick({ id: true, key: true, name: true }),
    title: z.string(),
    /** Sanitised HTML: safe to render as is. */
    bodyHtml: z.string(),
    summary: z.string(),
    publishingDepartment: DepartmentRef,
    owner: UserRef,
    createdBy: UserRef,
    effectiveAt: Timestamp,
    expiresAt: Timestamp.nullable(),
    pinned: z.boolean(),
    importance: AnnouncementImportance,
    requiresAck: z.boolean(),
    ackDeadline: Timestamp.nullable(),
    audience: Audience,
    status: AnnouncementStatus,
    approvalId: Id.nullable(),
    publishedAt: Timestamp.nullable(),
    revision: z.number().int(),
    recipientCount: z.number().int(),
    files: z.array(AnnouncementFile),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    /** The caller as a reader: when they read and acknowledged it. */
    me: z.object({ readAt: Timestamp.nullable(), ackedAt: Timestamp.nullable(), recipient: z.boolean() }),
    can: z.object({
      edit: z.boolean(),
      submit: z.boolean(),
      correct: z.boolean(),
      withdraw: z.boolean(),
      stats: z.boolean(),
    }),
  })
  .meta({ id: 'Announcement' });
export type Announcement = z.infer<typeof Announcement>;

const AnnouncementFields = {
  categoryId: Id,
  title: nameText(200),
  /** HTML from the editor; sanitised on the server (no scripts, no event handlers, safe links). */
  bodyHtml: Str.max(200_000),
  publishingDepartmentId: Id,
  ownerId: Id,
  effectiveAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  pinned: z.boolean(),
  importance: AnnouncementImportance,
  requiresAck: z.boolean(),
  ackDeadline: Timestamp.nullable(),
  audience: Audience,
  fileIds: z.array(Id).max(20),
};

export const CreateAnnouncementRequest = z.strictObject({
  ...AnnouncementFields,
  expiresAt: AnnouncementFields.expiresAt.default(null),
  pinned: AnnouncementFields.pinned.default(false),
  importance: AnnouncementFields.importance.default('normal'),
  requiresAck: AnnouncementFields.requiresAck.default(false),
  ackDeadline: AnnouncementFields.ackDeadline.default(null),
  fileIds: AnnouncementFields.fileIds.default([]),
});
export type CreateAnnouncementRequest = z.infer<typeof CreateAnnouncementRequest>;

export const UpdateAnnouncementRequest = z.strictObject(
  Object.fromEntries(Object.entries(AnnouncementFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof AnnouncementFields]: z.ZodOptional<(typeof AnnouncementFields)[K]>;
  },
);
export type UpdateAnnouncementRequest = z.infer<typeof UpdateAnnouncementRequest>;

/** A correction of a published announcement: a new revision with a note (counted for accuracy). */
export const CorrectAnnouncementRequest = z.strictObject({
  title: nameText(200).optional(),
  bodyHtml: Str.max(200_000).optional(),
  note: text(500),
});
export type CorrectAnnouncementRequest = z.infer<typeof CorrectAnnouncementRequest>;

export const AnnouncementRevision = z.object({
  revision: z.number().int(),
  title: z.string(),
  note: z.string().nullable(),
  editor: UserRef,
  createdAt: Timestamp,
});

export const AnnouncementDetail = Announcement.extend({ revisions: z.array(AnnouncementRevision) }).meta({
  id: 'AnnouncementDetail',
});
export type AnnouncementDetail = z.infer<typeof AnnouncementDetail>;

export const ANNOUNCEMENT_VIEWS = ['feed', 'managed'] as const;
export const AnnouncementListQuery = PageQuery.extend({
  /** feed: what the caller may read (unread first, pinned on top); managed: what they publish or own. */
  view: z.enum(ANNOUNCEMENT_VIEWS).default('feed'),
  categoryId: Id.optional(),
  status: AnnouncementStatus.optional(),
  unread: z.enum(['true', 'false']).optional(),
  q: Str.trim().max(100).optional(),
});
export type AnnouncementListQuery = z.infer<typeof AnnouncementListQuery>;
export const AnnouncementPage = page(Announcement);

export const AudiencePreview = z.object({ recipients: z.number().int(), departments: z.number().int() });

export const DepartmentReadStats = z.object({
  department: DepartmentRef.nullable(),
  recipients: z.number().int(),
  read: z.number().int(),
  acknowledged: z.number().int(),
  /** Not acknowledged (or not read, without acknowledgement) and past the deadline. */
  overdue: z.number().int(),
  /** Done (acknowledged, or read without acknowledgement) by the deadline. */
  onTime: z.number().int(),
  /** Done after the deadline, or not done once it passed. */
  late: z.number().int(),
  /** Not done yet with the deadline still ahead: counted neither way. */
  pending: z.number().int(),
});
export type DepartmentReadStats = z.infer<typeof DepartmentReadStats>;

export const AnnouncementStats = z
  .object({
    announcementId: Id,
    deadline: Timestamp.nullable(),
    totals: DepartmentReadStats.omit({ department: true }),
    departments: z.array(DepartmentReadStats),
    /**
     * On-time delivery rate = on time ÷ (on time + late); those not yet due are left out (and
     * people who joined after the deadline). Null while nobody is settled.
     */
    onTimeRate: z.number().nullable(),
  })
  .meta({ id: 'AnnouncementStats' });
export type AnnouncementStats = z.infer<typeof AnnouncementStats>;

export const NotReadQuery = PageQuery.extend({
  departmentId: Id.optional(),
  /** unread: not read; unacknowledged: read or not, not acknowledged. */
  which: z.enum(['unread', 'unacknowledged']).default('unread'),
});
export const NotReadEntry = z.object({
  user: UserRef,
  department: DepartmentRef.nullable(),
  readAt: Timestamp.nullable(),
  ackedAt: Timestamp.nullable(),
});
export const NotReadPage = page(NotReadEntry);

export const RemindRequest = z.strictObject({
  which: z.enum(['unread', 'unacknowledged']).default('unread'),
  departmentId: Id.optional(),
});

export const OnTimeQuery = z.strictObject({
  /** First month, `YYYY-MM`. */
  from: Month,
  to: Month,
  departmentId: Id.optional(),
});
export type OnTimeQuery = z.infer<typeof OnTimeQuery>;

/**
 * A recipient counts once they are settled: done (acknowledged, or read when no acknowledgement is
 * asked) or past the deadline. rate = onTime ÷ (onTime + late); `pending` (not yet due) is apart.
 */
const OnTimeCounts = {
  recipients: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  pending: z.number().int(),
  /** null while nobody is settled. */
  rate: z.number().nullable(),
};

export const OnTimeMonth = z.object({
  month: z.string(),
  ...OnTimeCounts,
  announcements: z.number().int(),
  /** Information accuracy: announcements published this month that needed a correction… */
  corrected: z.number().int(),
  /** …and the share that did not; null without announcements. */
  accuracyRate: z.number().nullable(),
});
export const OnTimeReport = z
  .object({
    target: z.number(),
    months: z.array(OnTimeMonth),
    departments: z.array(
      z.object({
        department: DepartmentRef,
        ...OnTimeCounts,
      }),
    ),
  })
  .meta({ id: 'OnTimeReport' });
export type OnTimeReport = z.infer<typeof OnTimeReport>;
