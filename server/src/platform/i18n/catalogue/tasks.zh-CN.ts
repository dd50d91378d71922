/** The tasks module's server text: its error messages and notices. */
export const tasksZhCN = {
  errors: {
    mayNotReply: '你不能回复此任务。',
    mayNotChangeStatus: '你不能更改此任务的状态。',
    mayNotAddFiles: '你不能给此任务添加文件。',
    assigneeOutOfScope: '此人不在你可以分派任务的范围内。',
    teamOutOfScope: '只能给你所在或管理的团队分派任务。',
    notTeamMember: '你不是该团队的成员。',
    othersTasks: '你不能查看他人的任务。',
    editCreatorOnly: '只有任务创建人或管理者可以修改任务。',
    mayNotChange: '你不能修改此任务。',
  },
  status: {
    todo: '待办',
    in_progress: '进行中',
    blocked: '受阻',
    done: '已完成',
    cancelled: '已取消',
  },
  notices: {
    toYou: '你',
    toTeam: '团队「{{team}}」',
    dueSuffix: '，截止 {{due}}',
    assigned: {
      title: '新任务：{{title}}',
      body: '{{actor}} 给{{target}}分配了任务 {{number}}{{due}}。',
    },
    handedOver: {
      title: '任务转交给你：{{title}}',
      body: '{{actor}} 把任务 {{number}} 交给了{{target}}。',
    },
    statusChanged: {
      title: '任务{{status}}：{{title}}',
      body: '{{actor}} 把任务 {{number}} 从「{{from}}」改为「{{to}}」。',
    },
    replied: {
      title: '任务有新进展：{{title}}',
      body: '{{actor}}{{change}}：{{excerpt}}',
    },
    replyStatusChange: '（{{from}} → {{to}}）',
    dueSoon: {
      title: '任务即将到期：{{title}}',
      body: '任务 {{number}} 将于 {{due}} 到期，当前状态「{{status}}」。',
    },
    overdue: {
      title: '任务已逾期：{{title}}',
      body: '任务 {{number}} 已于 {{due}} 到期，仍未完成（{{status}}）。',
    },
  },
};
