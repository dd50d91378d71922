/** 合规: retention policies, legal holds and monthly archives. en-US mirrors these keys. */
const complianceZhCN = {
  title: '留存与归档',
  subtitle: '沟通记录按类型至少保存 2 年；法律保全期间不删除；按月归档可下载备查。',
  policies: {
    title: '留存策略',
    kind: '会话类型',
    keepDays: '保存天数',
    years: '约 {{years}} 年',
    updatedAt: '更新时间',
    never: '默认',
    minHint: '至少 {{days}} 天（2 年）',
    saved: '留存策略已更新',
  },
  holds: {
    title: '法律保全',
    create: '新建保全',
    targetType: '对象类型',
    targetTypes: {
      channel: '会话',
      user: '人员',
    },
    target: '对象',
    reason: '原因',
    createdBy: '发起人',
    createdAt: '发起时间',
    status: '状态',
    active: '保全中',
    released: '已解除',
    release: '解除',
    releaseConfirm: '解除对「{{name}}」的法律保全吗？解除后记录将按留存策略处理。',
    created: '法律保全已生效',
    releasedDone: '法律保全已解除',
    channelHint: '可按名称或所属单位搜索公司内的全部会话，包括已归档的。',
    reasonPlaceholder: '例如：合同纠纷 2026-017 诉讼保全',
  },
  channels: {
    notMember: '非成员',
  },
  archives: {
    title: '月度归档',
    create: '生成归档',
    channel: '会话',
    month: '月份',
    format: '格式',
    messageCount: '消息数',
    size: '大小',
    createdAt: '生成时间',
    download: '下载',
    queued: '归档任务已提交，稍后刷新即可下载',
    filterChannel: '全部会话',
    empty: '暂无归档',
  },
};

export default complianceZhCN;
export type ComplianceMessages = typeof complianceZhCN;
