import type { Catalogue } from '../catalogue-types.ts';
import type { authZhCN } from './auth.zh-CN.ts';

export const authEnUS: Catalogue<typeof authZhCN> = {
  errors: {
    tokenNeedsSession: 'API tokens are created from a signed-in session, not with another token.',
    tooManyWrongPasswords: 'Too many wrong current passwords; try again later.',
  },
  notices: {
    unknownAddress: 'unknown',
    signInFailed: {
      title: 'Failed sign-ins to your account',
      body: 'Your account failed to sign in {{failures}} times in a row from {{address}}; that address must wait {{seconds}} seconds before trying again. Sign-ins from other addresses are not affected. If this was not you, change your password soon.',
    },
    accountBurst: {
      title: 'Many sign-in attempts on your account',
      body: 'Your account has had {{failures}} failed sign-ins in the last hour. Addresses that failed must wait before trying again; your own correct sign-ins are not affected. If this was not you, change your password soon.',
    },
    accountBurstAdmin: {
      title: 'Many sign-in attempts on account {{username}}',
      body: 'Account {{username}} ({{name}}) has had {{failures}} failed sign-ins in the last hour, the latest from {{address}}. Each address now has one attempt before it must wait. See the sources and lift the limits in user management.',
    },
    addressBurst: {
      title: 'Many failed sign-ins from {{address}}',
      body: '{{address}} has had {{failures}} failed sign-ins in the last hour, across several account names. Names that failed there must wait before trying again; other people at the same address can still sign in.',
    },
    passwordCheckFailed: {
      title: 'Wrong current password entered several times',
      body: 'On a device signed in to your account (address {{address}}), the current password was entered wrongly {{failures}} times in a row; changing the password must now wait. If this was not you, sign that device out under “Signed-in devices”.',
    },
    passwordCheckFailedAdmin: {
      title: 'Account {{username}}: wrong current password entered several times',
      body: '{{name}} ({{username}}) entered the wrong current password {{failures}} times in a row in a signed-in session (address {{address}}); someone else may be using the session.',
    },
  },
};
