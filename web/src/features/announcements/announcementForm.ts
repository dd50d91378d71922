import type {
  AnnouncementDetail,
  AnnouncementImportance,
  Audience,
  UpdateAnnouncementRequest,
} from '@liaison/contracts';
import type { UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { AnnouncementFile, NewAnnouncement } from '../../api/announcements.ts';

/** The publishing form as antd holds it. */
export interface AnnouncementFormValues {
  categoryId?: string;
  title: string;
  bodyHtml: string;
  publishingDepartmentId?: string | null;
  ownerId?: string | null;
  effectiveAt?: Dayjs | null;
  expiresAt?: Dayjs | null;
  pinned: boolean;
  importance: AnnouncementImportance;
  requiresAck: boolean;
  ackDeadline?: Dayjs | null;
  audience: Audience;
  files: UploadFile<AnnouncementFile>[];
}

export function emptyAudience(): Audience {
  return { everyone: false, departments: [], teams: [], users: [], counterparties: [] };
}

/** Nobody chosen yet: the form refuses to save such an announcement for submission. */
export function isAudienceEmpty(audience: Audience | undefined): boolean {
  if (!audience) return true;
  return (
    !audience.everyone &&
    audience.departments.length === 0 &&
    audience.teams.length === 0 &&
    audience.users.length === 0 &&
    audience.counterparties.length === 0
  );
}

/** What the preview and the server get: "everyone" wins over any list that may still be filled in. */
export function normaliseAudience(audience: Audience | undefined): Audience {
  const value = audience ?? emptyAudience();
  if (value.everyone) return { ...emptyAudience(), everyone: true };
  return {
    everyone: false,
    departments: value.departments,
    teams: value.teams,
    users: value.users,
    counterparties: value.counterparties,
  };
}

export function emptyAnnouncementForm(me: {
  id: string;
  departmentId: string | null;
}): AnnouncementFormValues {
  return {
    title: '',
    bodyHtml: '',
    publishingDepartmentId: me.departmentId,
    ownerId: me.id,
    effectiveAt: dayjs().second(0).millisecond(0),
    expiresAt: null,
    pinned: false,
    importance: 'normal',
    requiresAck: false,
    ackDeadline: null,
    audience: emptyAudience(),
    files: [],
  };
}

const instant = (value: Dayjs | null | undefined) =>
  value ? value.second(0).millisecond(0).toISOString() : null;

/** The uploaded files' ids, in the order shown; files still uploading or failed are left out. */
export function uploadedFileIds(files: readonly UploadFile<AnnouncementFile>[]): string[] {
  return files.flatMap((file) => (file.status === 'done' && file.response ? [file.response.id] : []));
}

/** What POST /api/announcements gets. An unset effective date means "now". */
export function toCreateRequest(values: AnnouncementFormValues): NewAnnouncement {
  return {
    categoryId: values.categoryId ?? '',
    title: values.title.trim(),
    bodyHtml: values.bodyHtml,
    publishingDepartmentId: values.publishingDepartmentId ?? '',
    ownerId: values.ownerId ?? '',
    effectiveAt: instant(values.effectiveAt) ?? dayjs().second(0).millisecond(0).toISOString(),
    expiresAt: instant(values.expiresAt),
    pinned: values.pinned,
    importance: values.importance,
    requiresAck: values.requiresAck,
    ackDeadline: values.requiresAck ? instant(values.ackDeadline) : null,
    audience: normaliseAudience(values.audience),
    fileIds: uploadedFileIds(values.files),
  };
}

/** What PATCH /api/announcements/:id gets from the edit form: every field it shows. */
export function toUpdateRequest(values: AnnouncementFormValues): UpdateAnnouncementRequest {
  return toCreateRequest(values) as UpdateAnnouncementRequest;
}

/** A stored draft in the form's shape; its files show as already uploaded. */
export function toAnnouncementForm(announcement: AnnouncementDetail): AnnouncementFormValues {
  return {
    categoryId: announcement.category.id,
    title: announcement.title,
    bodyHtml: announcement.bodyHtml,
    publishingDepartmentId: announcement.publishingDepartment.id,
    ownerId: announcement.owner.id,
    effectiveAt: dayjs(announcement.effectiveAt),
    expiresAt: announcement.expiresAt ? dayjs(announcement.expiresAt) : null,
    pinned: announcement.pinned,
    importance: announcement.importance,
    requiresAck: announcement.requiresAck,
    ackDeadline: announcement.ackDeadline ? dayjs(announcement.ackDeadline) : null,
    audience: normaliseAudience(announcement.audience),
    files: announcement.files.map((file) => ({
      uid: file.id,
      name: file.fileName,
      size: file.size,
      type: file.contentType,
      status: 'done',
      response: file,
    })),
  };
}
