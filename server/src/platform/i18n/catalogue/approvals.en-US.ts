import type { Catalogue } from '../catalogue-types.ts';
import type { approvalsZhCN } from './approvals.zh-CN.ts';

export const approvalsEnUS: Catalogue<typeof approvalsZhCN> = {
  errors: {
    notResubmittable: 'Only a request returned for changes can be resubmitted.',
    onlyRequesterResubmits: 'Only the requester may resubmit.',
    nothingToDecide: 'This request is {{status}}; nothing to decide.',
    notStepApprover: 'You are not an approver of the current step.',
    alreadyDecided: 'You have already decided on this step.',
    onlyRequesterWithdraws: 'Only the requester may withdraw.',
    notWithdrawable: 'This request is {{status}}; it cannot be withdrawn.',
  },
  notices: {
    requested: { title: 'Awaiting your approval: {{title}}', body: '{{step}}, requested by {{requester}}.' },
    decided: {
      title: 'Approval {{outcome}}: {{title}}',
      withComment: '{{actor}}: {{comment}}',
      withoutComment: '{{actor}} completed the approval.',
    },
    outcomes: { approved: 'approved', rejected: 'rejected', returned: 'returned for changes' },
    cc: { title: 'For your information: {{title}} was approved', body: 'Requested by {{requester}}.' },
    skipped: {
      title: 'Approval step skipped: {{title}}',
      body: 'Nobody could approve "{{step}}", so it was skipped: {{reasons}}. Check the approval template or the organisation.',
      reasonList: '{{first}}; {{next}}',
      reasons: {
        noHeadOf: 'the department "{{department}}" has no head',
        noHead: "the requester's department has no head",
        noDivisionHeadOf: 'the department "{{department}}" has no head above it',
        noDivisionHead: 'the requester has no head above their department',
        noRoleHolder: 'nobody holds the role "{{role}}"',
        noSeniorLeadership: 'there is no senior leadership',
        approversInactive: 'the named approvers are deactivated',
        onlyRequester: 'the only approver is the requester',
      },
    },
  },
  nouns: {
    delegation: 'Delegation',
  },
};
