/** The users module's server text: its error messages and notices. */
export const usersZhCN = {
  errors: {
    addOutOfScope: '只能在你管理范围内的部门中添加人员。',
    moveOutOfScope: '只能把人员调入你管理范围内的部门。',
    usernameTaken: '用户名 {{username}} 已被使用。',
    cannotDisableSelf: '不能停用你自己的账号。',
    lastAdministrator: '至少要保留一名在用的系统管理员。',
    holdsMoreThanYou: '该账号拥有你没有的权限，请联系管理员处理。',
  },
};
