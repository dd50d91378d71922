/** The departments module's server text: its error messages and notices. */
export const departmentsZhCN = {
  errors: {
    notEmpty: '请先移走下级部门和成员，再删除此部门。',
    nameTaken: '同一层级已有名为「{{name}}」的部门。',
    codeTaken: '部门编码 {{code}} 已被使用。',
  },
};
