/** The approvals module's server text: its error messages and notices. */
export const approvalsZhCN = {
  errors: {
    notResubmittable: '只有被退回修改的申请才能重新提交。',
    onlyRequesterResubmits: '只有申请人可以重新提交。',
    nothingToDecide: '该申请当前状态为 {{status}}，无需审批。',
    notStepApprover: '你不是当前步骤的审批人。',
    alreadyDecided: '你已经审批过这一步。',
    onlyRequesterWithdraws: '只有申请人可以撤回。',
    notWithdrawable: '该申请当前状态为 {{status}}，不能撤回。',
  },
  notices: {
    requested: { title: '待你审批：{{title}}', body: '{{step}}，申请人 {{requester}}。' },
    decided: {
      title: '审批{{outcome}}：{{title}}',
      withComment: '{{actor}}：{{comment}}',
      withoutComment: '{{actor}} 完成了审批。',
    },
    outcomes: { approved: '已通过', rejected: '未通过', returned: '被退回修改' },
    cc: { title: '抄送：{{title}} 已审批通过', body: '申请人 {{requester}}。' },
  },
  nouns: {
    delegation: '代理审批',
  },
};
