/** Server text of the messages module (en-US mirrors these keys). */
export const messagesZhCN = {
  errors: {
    onlyAuthorEdits: '只有作者可以编辑消息。',
    deletedNotEditable: '已删除的消息不能编辑。',
    channelArchived: '该会话已归档。',
    changeBlocked: '此修改不符合沟通管控策略，不能提交。',
    onlyAuthorOrOwnerDeletes: '只有作者或群主可以删除消息。',
    onlyPostersPin: '只有可以发言的成员才能置顶消息。',
    deletedNotPinnable: '已删除的消息不能置顶。',
    historyForCompliance: '消息历史仅供合规人员查看。',
    editWindow: '消息发出后 {{minutes}} 分钟内可以修改。',
    onlyMembersShare: '只有成员可以在此会话中分享文件。',
    contentBlocked: '此内容不符合沟通管控策略，不能发送。',
    heldForReview: '消息已被暂扣，等待审核。',
    clientIdElsewhere: '此客户端编号已在另一个会话中使用。',
    archivedCannotDeliver: '该会话已归档，请先取消归档再放行此消息。',
    senderLeft: '发送者已不在该会话中。',
    senderGone: '发送者已不存在。',
    onlyMembersPost: '只有成员可以在此会话中发言。',
    archivedCannotPost: '该会话已归档，请先取消归档再发言。',
    allHandsPosters: '全员群只有群主和授权的发布人可以发言。',
  },
  nouns: {
    attachment: '附件',
  },
};
