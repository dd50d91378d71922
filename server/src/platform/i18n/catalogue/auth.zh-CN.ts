/** The auth module's server text: its error messages and notices. */
export const authZhCN = {
  errors: {
    tokenNeedsSession: 'API 令牌只能在登录会话中创建，不能用另一个令牌创建。',
    tooManyWrongPasswords: '当前密码错误次数过多，请稍后再试。',
  },
};
