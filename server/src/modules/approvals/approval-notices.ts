import type { SkipReason } from '@liaison/contracts';
import type { Transaction } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';
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
    title: `审批步骤已跳过：${request.title}`,
    body: `「${stepName}」没有可审批的人，已自动跳过：${reasons.map(skipReasonText).join('；')}。请检查审批模板或组织架构。`,
    link: `/approvals/${request.id}`,
    subject: { type: 'approval', id: request.id },
    actorId: ctx.actor.userId,
    recipientIds: administrators,
    departmentIds: request.department_id ? [request.department_id] : [],
  });
}

/** A skip reason in the notice's words (notices are written in the organisation's language, Chinese). */
function skipReasonText(reason: SkipReason): string {
  switch (reason.kind) {
    case 'no_head':
      return reason.department ? `部门「${reason.department}」没有负责人` : '申请人没有所属部门的负责人';
    case 'no_division_head':
      return reason.department ? `部门「${reason.department}」没有上级负责人` : '申请人没有上级负责人';
    case 'no_role_holder':
      return `没有人担任「${reason.role}」`;
    case 'no_senior_leadership':
      return '没有高层领导';
    case 'approvers_inactive':
      return '指定的审批人已停用';
    case 'only_requester':
      return '唯一的审批人是申请人本人';
  }
}
