import type { Catalogue } from '../catalogue-types.ts';
import type { authZhCN } from './auth.zh-CN.ts';

export const authEnUS: Catalogue<typeof authZhCN> = {
  errors: {
    tokenNeedsSession: 'API tokens are created from a signed-in session, not with another token.',
    tooManyWrongPasswords: 'Too many wrong current passwords; try again later.',
  },
};
