/** Server text of the channels module (en-US mirrors these keys). */
export const channelsZhCN = {
  errors: {
    onlyComplianceListAll: '只有合规人员可以查看全部会话。',
    notMember: '你不是该会话的成员。',
    departmentOutOfScope: '你只能为管理范围内的部门建群。',
    teamGroupCreators: '只有团队负责人或其部门的管理者可以建立团队群。',
    allHandsCreators: '只有全公司范围的会话管理者可以建立全员群。',
    externalUsersExternalOnly: '外部用户只能在对外会话中沟通。',
    externalOpeners: '只有沟通联络人和管理者可以建立对外会话。',
    externalByEmployees: '对外会话由本公司员工建立。',
    onlyManagersChange: '只有群主或管理者可以修改该会话。',
    archivedCannotChange: '该会话已归档，请先取消归档再修改。',
    onlyManagersArchive: '只有群主或管理者可以归档该会话。',
    onlyOwnerAdds: '只有群主可以添加成员。',
    oneToOneCannotGrow: '一对一会话不能加人，请另建群聊。',
    oneToOneCannotLeave: '不能退出一对一会话。',
    onlyOwnerRemoves: '只有群主可以移除成员。',
    handOverFirst: '请先把会话转交给其他群主。',
    namingRulesManagers: '命名规则由全公司范围的会话管理者设置。',
    nameRule: '名称须符合命名规则“{{pattern}}”（例如“{{example}}”）。',
    membersFollowOrganisation: '该会话的成员随组织架构变化，请调整部门或团队。',
    invalidMembers: '有成员不能加入此会话。',
  },
  nouns: {
    channelMember: '会话成员',
  },
};
