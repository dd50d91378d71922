/** The requests module's server text: its error messages and notices. */
export const requestsZhCN = {
  errors: {
    ownDepartmentOnly: '只能以你所在部门的名义提出请求。',
    departmentOutOfScope: '该部门的请求不在你的查看范围内。',
    closed: '该请求已关闭。',
    mayNotReply: '你不能回复此请求。',
    mayNotReassign: '你不能转派此请求。',
    mayNotClose: '你不能办结此请求。',
    raiserWithdraws: '只有提出方可以撤回请求。',
    noReport: '你不能查看请求统计。',
  },
  levels: {
    head: '部门负责人',
    leadership: '高层领导',
  },
  notices: {
    received: {
      title: '{{from}}的请求：{{title}}',
      body: '{{actor}}（{{from}}）向{{to}}提出请求 {{number}}，请在 {{due}} 前首次响应。',
    },
    responded: {
      title: '请求已响应：{{title}}',
      body: '{{actor}}：{{excerpt}}',
    },
    replied: {
      title: '请求有新回复：{{title}}',
      body: '{{actor}}：{{excerpt}}',
    },
    handedOver: {
      title: '请求交由你处理：{{title}}',
      body: '{{actor}} 把 {{number}}（来自{{from}}）交给你处理。',
    },
    resolved: {
      title: '请求已办结：{{title}}',
      body: '{{actor}} 办结了 {{number}}。',
      bodyWithNote: '{{actor}} 办结了 {{number}}：{{note}}',
    },
    dueSoon: {
      title: '请求即将超时：{{title}}',
      body: '{{number}}（来自{{from}}）需在 {{due}} 前首次响应，否则将升级至部门负责人。',
    },
    escalated: {
      title: '请求超时升级（{{level}}）：{{title}}',
      body: '{{from}}向{{to}}提出的 {{number}} 已 {{hours}} 个工作小时未获首次响应，现升级至{{level}}。',
    },
  },
};
