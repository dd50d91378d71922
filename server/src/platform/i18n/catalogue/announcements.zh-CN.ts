/** The announcements module's server text: its error messages and notices. */
export const announcementsZhCN = {
  errors: {
    categoryKeyTaken: '已有使用该标识的分类。',
    onlyAuthorEdits: '只有作者或负责人可以修改草稿。',
    notEditable: '只有草稿或被退回的公告可以编辑；已发布的公告请使用更正。',
    publishOwnDepartment: '你只能以本部门的名义发布公告。',
    onlyAuthorSubmits: '只有作者或负责人可以提交该公告。',
    notSubmittable: '该公告当前状态为{{status}}，不能提交。',
    onlyAuthorCorrects: '只有作者或负责人可以更正该公告。',
    notCorrectable: '只有已发布的公告可以更正。',
    onlyAuthorWithdraws: '只有作者或负责人可以撤回该公告。',
    notWithdrawable: '该公告当前状态为{{status}}，无可撤回。',
    noAckRequired: '该公告无需回执。',
    statsForbidden: '你无权查看发布统计。',
    departmentOutOfScope: '该部门不在你的管理范围内。',
    notPublishedToRemind: '只有已发布的公告才能提醒阅读。',
    notPublished: '该公告尚未发布。',
    notAddressed: '该公告不是发给你的。',
    receiptsForbidden: '只有负责人和部门负责人可以查看阅读情况。',
  },
  /** An announcement's status as messages name it. */
  statuses: {
    draft: '草稿',
    in_approval: '审批中',
    returned: '已退回',
    scheduled: '待发布',
    published: '已发布',
    expired: '已过期',
    withdrawn: '已撤回',
  },
  notices: {
    published: {
      title: '{{category}}：{{title}}',
      body: '{{department}}发布。',
      bodyAck: '{{department}}发布，请阅读并确认。',
    },
    reminder: {
      title: '请阅读：{{title}}',
      titleAck: '请阅读并确认：{{title}}',
      body: '{{department}}的{{category}}。',
      bodyBy: '{{department}}的{{category}}，请在 {{deadline}} 前阅读。',
      bodyAckBy: '{{department}}的{{category}}，请在 {{deadline}} 前确认。',
    },
  },
};
