import type { ApprovalSubjectField, ApprovalSubjectPreview, Audience } from '@liaison/contracts';
import type { AudienceNames } from '../audiences/audiences.service.ts';
import type { AnnouncementRow } from './announcements.access.ts';

/** At most this many named people are listed; the rest are counted. */
const PEOPLE_SHOWN = 20;

/**
 * An announcement as its approvers see it in the approval drawer: category, publisher, importance,
 * audience in names, dates, acknowledgement, the (sanitised) body and the attached files.
 */
export function announcementPreview(
  row: AnnouncementRow,
  audience: Audience,
  names: AudienceNames,
  files: readonly { id: string; file_name: string; size: number }[],
): ApprovalSubjectPreview {
  const fields: ApprovalSubjectField[] = [
    { key: 'category', text: row.category_name },
    { key: 'publishingDepartment', text: row.department_name },
    { key: 'owner', text: row.owner_name },
    { key: 'importance', code: row.importance },
  ];
  if (audience.everyone) fields.push({ key: 'audience', code: 'everyone' });
  const listed = (key: string, values: string[]) => {
    if (values.length > 0) fields.push({ key, text: values.join('、') });
  };
  listed(
    'audienceDepartments',
    audience.departments.map((d) => names.departments.get(d.id) ?? d.id),
  );
  listed(
    'audienceTeams',
    audience.teams.map((t) => names.teams.get(t) ?? t),
  );
  const people = audience.users.slice(0, PEOPLE_SHOWN).map((u) => names.people.get(u) ?? u);
  if (audience.users.length > PEOPLE_SHOWN) people.push(`… (${audience.users.length})`);
  listed('audiencePeople', people);
  listed(
    'audienceCounterparties',
    audience.counterparties.map((c) => names.counterparties.get(c) ?? c),
  );
  fields.push({ key: 'effectiveAt', instant: row.effective_at });
  if (row.expires_at) fields.push({ key: 'expiresAt', instant: row.expires_at });
  fields.push({ key: 'requiresAck', code: row.requires_ack === 1 ? 'yes' : 'no' });
  if (row.ack_deadline) fields.push({ key: 'ackDeadline', instant: row.ack_deadline });
  return {
    title: row.title,
    fields,
    bodyHtml: row.body_html,
    files: files.map((f) => ({ id: f.id, fileName: f.file_name, size: f.size })),
  };
}
