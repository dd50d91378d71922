/** The auth module's server text: its error messages and notices. */
export const authZhCN = {
  errors: {
    tokenNeedsSession: 'API 令牌只能在登录会话中创建，不能用另一个令牌创建。',
    tooManyWrongPasswords: '当前密码错误次数过多，请稍后再试。',
  },
  notices: {
    unknownAddress: '未知',
    signInFailed: {
      title: '账号登录失败提醒',
      body: '您的账号从地址 {{address}} 连续 {{failures}} 次登录失败，该地址需等待 {{seconds}} 秒后才能再试；您在其他地址的登录不受影响。如果不是您本人操作，请尽快修改密码。',
    },
    accountBurst: {
      title: '账号遭遇大量登录尝试',
      body: '最近一小时内您的账号已有 {{failures}} 次登录失败。失败过的地址需等待后才能再试，您本人的正确登录不受影响。如果不是您本人操作，请尽快修改密码。',
    },
    accountBurstAdmin: {
      title: '账号 {{username}} 遭遇大量登录尝试',
      body: '最近一小时内账号 {{username}}（{{name}}）已有 {{failures}} 次登录失败，最近一次来自 {{address}}。现在每个地址只有一次尝试机会，之后需等待。可在用户管理中查看来源并解除限制。',
    },
    addressBurst: {
      title: '地址 {{address}} 大量登录失败',
      body: '最近一小时内来自 {{address}} 的登录失败已达 {{failures}} 次，涉及多个账号名。该地址上失败过的账号名需等待后才能再试，同一地址其他人的正确登录不受影响。',
    },
    passwordCheckFailed: {
      title: '修改密码时多次输错当前密码',
      body: '在您已登录的设备上（地址 {{address}}）连续 {{failures}} 次输错当前密码，修改密码需等待后才能再试。如果不是您本人操作，请在“登录设备”中注销该设备。',
    },
    passwordCheckFailedAdmin: {
      title: '账号 {{username}} 修改密码时多次输错当前密码',
      body: '{{name}}（{{username}}）在已登录的会话中连续 {{failures}} 次输错当前密码（地址 {{address}}），可能是会话被他人使用。',
    },
  },
};
