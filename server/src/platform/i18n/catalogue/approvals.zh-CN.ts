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
    skipped: {
      title: '审批步骤已跳过：{{title}}',
      body: '「{{step}}」没有可审批的人，已自动跳过：{{reasons}}。请检查审批模板或组织架构。',
      /** Joins the reasons one pair at a time, so any number of them reads as one list. */
      reasonList: '{{first}}；{{next}}',
      reasons: {
        noHeadOf: '部门「{{department}}」没有负责人',
        noHead: '申请人没有所属部门的负责人',
        noDivisionHeadOf: '部门「{{department}}」没有上级负责人',
        noDivisionHead: '申请人没有上级负责人',
        noRoleHolder: '没有人担任「{{role}}」',
        noSeniorLeadership: '没有高层领导',
        approversInactive: '指定的审批人已停用',
        onlyRequester: '唯一的审批人是申请人本人',
      },
    },
  },
  nouns: {
    delegation: '代理审批',
  },
};
