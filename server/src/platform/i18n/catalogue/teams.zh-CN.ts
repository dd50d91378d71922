/** The teams module's server text: its error messages and notices. */
export const teamsZhCN = {
  errors: {
    ownerStays: '请先把团队移交给其他负责人，再移除原负责人。',
    outOfScope: '该团队不在你的管理范围内。',
    manageOutOfScope: '只能管理你管理范围内部门的团队。',
  },
};
