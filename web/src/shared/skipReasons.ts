import type { ApprovalAction, ApprovalDetail, SkipReason } from '@liaison/contracts';
import type { TFunction } from 'i18next';

/** One reason a step had nobody to approve it, in the reader's language. */
export function skipReasonText(t: TFunction, reason: SkipReason): string {
  switch (reason.kind) {
    case 'no_head':
      return reason.department
        ? t('approvals.skipReasons.no_head', { department: reason.department })
        : t('approvals.skipReasons.no_head_unknown');
    case 'no_division_head':
      return reason.department
        ? t('approvals.skipReasons.no_division_head', { department: reason.department })
        : t('approvals.skipReasons.no_division_head_unknown');
    case 'no_role_holder':
      return t('approvals.skipReasons.no_role_holder', { role: reason.role });
    case 'no_senior_leadership':
    case 'approvers_inactive':
    case 'only_requester':
      return t(`approvals.skipReasons.${reason.kind}`);
  }
}

/** "跳过「分管领导审批」：部门「品牌组」没有上级负责人" for a skipped step on the timeline. */
export function skippedStepText(
  t: TFunction,
  approval: Pick<ApprovalDetail, 'steps'>,
  action: ApprovalAction,
): string {
  const step = approval.steps.find((s) => s.index === action.stepIndex)?.name ?? '';
  const reasons =
    action.skipReasons.length > 0
      ? action.skipReasons.map((reason) => skipReasonText(t, reason)).join(t('common.listSeparator'))
      : // Requests skipped before reasons were recorded.
        (action.comment ?? t('approvals.skipReasons.unknown'));
  return t('approvals.skipReasons.intro', { step, reasons });
}
