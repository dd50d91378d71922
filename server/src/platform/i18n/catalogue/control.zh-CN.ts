/** Server text of the control module (en-US mirrors these keys). */
export const controlZhCN = {
  errors: {
    cannotDecide: '{{status}} 状态的事项不能处理为 {{decision}}。',
    alreadyDecided: '该事项已处理。',
    alertAcknowledged: '该预警已被确认。',
    confirmToSend: '此内容触发了沟通管控策略，请确认后再发送。',
    detectorInUse: '该识别器正被 {{count}} 个策略使用。',
    detectorNameTaken: '已有同名识别器。',
    policyNameTaken: '已有同名策略。',
  },
  nouns: {
    controlEvent: '管控事项',
    heldMessage: '暂扣消息',
    alert: '异常预警',
    detector: '识别器',
  },
  notices: {
    decided: {
      approvedTitle: '暂扣的消息已放行',
      rejectedTitle: '暂扣的消息未获批准',
      approvedBody: '{{actor}} 审核通过了你的消息，已发送给接收方。',
      rejectedBody: '{{actor}} 未批准你的消息。',
      rejectedBodyWithComment: '{{actor}} 未批准你的消息：{{comment}}',
    },
  },
};
