import type { Catalogue } from '../catalogue-types.ts';
import type { usersZhCN } from './users.zh-CN.ts';

export const usersEnUS: Catalogue<typeof usersZhCN> = {
  errors: {
    addOutOfScope: 'You can only add people to departments within your scope.',
    moveOutOfScope: 'You can only move people to departments within your scope.',
    usernameTaken: 'The username {{username}} is taken.',
    cannotDisableSelf: 'You cannot disable your own account.',
    lastAdministrator: 'At least one active system administrator must remain.',
    holdsMoreThanYou: 'This account holds permissions you do not have; ask an administrator.',
  },
};
