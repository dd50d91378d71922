import type { SkipReason } from '@liaison/contracts';
import type { Transaction } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';
import { type Text, text } from '../../platform/i18n/i18n.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import type * as repo from './approvals.repository.ts';

/**
 * A step nobody could approve was skipped: the people who maintain the approval templates
 * (approval.manage) hear which step of which request, and why, so they can fix the template or
 * the organisation (a department without a head, a role nobody holds) before it matters.
 */
export async function tellTemplateAdministrators(
  deps: { roles: RolesService; notifications: NotificationsService },
  trx: Transaction<DB>,
  ctx: ActorContext,
  request: repo.RequestRow,
  stepName: string,
  reasons: readonly SkipReason[],
): Promise<void> {
  const administrators = await deps.roles.activeUserIdsWithPermission(trx, 'approval.manage');
  await deps.notifications.notify(trx, {
    kind: 'approval.skipped',
    title: text('approvals.notices.skipped.title', { title: request.title }),
    body: text('approvals.notices.skipped.body', { step: stepName, reasons: reasonList(reasons) }),
    link: `/approvals/${request.id}`,
    subject: { type: 'approval', id: request.id },
    actorId: ctx.actor.userId,
    recipientIds: administrators,
    departmentIds: request.department_id ? [request.department_id] : [],
  });
}

/**
 * The reasons as one text in the reader's language: each pair joined by a catalogue separator, so
 * any number of reasons reads as a list without a key per count.
 */
function reasonList(reasons: readonly SkipReason[]): Text | string {
  const [first, ...rest] = reasons.map(skipReasonText);
  if (!first) return '';
  return rest.reduce(
    (list, next) => text('approvals.notices.skipped.reasonList', { first: list, next }),
    first,
  );
}

/** A skip reason in the reader's words. */
function skipReasonText(reason: SkipReason): Text {
  switch (reason.kind) {
    case 'no_head':
      return reason.department
        ? text('approvals.notices.skipped.reasons.noHeadOf', { department: reason.department })
        : text('approvals.notices.skipped.reasons.noHead');
    case 'no_division_head':
      return reason.department
        ? text('approvals.notices.skipped.reasons.noDivisionHeadOf', { department: reason.department })
        : text('approvals.notices.skipped.reasons.noDivisionHead');
    case 'no_role_holder':
      return text('approvals.notices.skipped.reasons.noRoleHolder', { role: reason.role });
    case 'no_senior_leadership':
      return text('approvals.notices.skipped.reasons.noSeniorLeadership');
    case 'approvers_inactive':
      return text('approvals.notices.skipped.reasons.approversInactive');
    case 'only_requester':
      return text('approvals.notices.skipped.reasons.onlyRequester');
  }
}
