/** The notification center's own text: email and robot wording, its test notice and its errors. */
export const notificationsZhCN = {
  email: {
    subject: '【联络】{{title}}',
    digestSubject: '【联络】每日摘要：{{count}} 条通知',
    viewDetails: '查看详情',
    /** The footer of every email, as text and (split around the link) as HTML. */
    footer: '联络 · 通知设置：{{url}}',
    product: '联络',
    settings: '通知设置',
  },
  robot: {
    viewDetails: '查看详情',
    viewFull: '查看全文',
  },
  notices: {
    test: {
      title: '联络测试消息',
      body: '这是一条来自联络的测试消息（{{webhook}}），由 {{actor}} 发送。',
    },
  },
  errors: {
    webhookNameTaken: '已有同名的 Webhook。',
    resendOnlyDead: '只有投递失败的记录才能重新发送。',
    noSuchDepartment: '没有这个部门。',
  },
};
