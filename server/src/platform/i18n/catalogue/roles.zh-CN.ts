/** The roles module's server text: its error messages and notices. */
export const rolesZhCN = {
  errors: {
    createBeyondYours: '不能创建含有你未拥有权限的角色。',
    keyTaken: '角色标识 {{key}} 已存在。',
    locked: '该角色已锁定，不能修改。',
    changeBeyondYours: '不能修改含有你未拥有权限的角色。',
    builtInKept: '内置角色不能删除。',
    deleteBeyondYours: '不能删除含有你未拥有权限的角色。',
    stillHeld: '该角色仍由 {{count}} 人持有，请先收回。',
    grantBeyondYours: '你不能授予或收回角色「{{role}}」。',
    lastAdministrator: '至少要保留一名在用的系统管理员。',
  },
};
