import type { Catalogue } from '../catalogue-types.ts';
import type { rolesZhCN } from './roles.zh-CN.ts';

export const rolesEnUS: Catalogue<typeof rolesZhCN> = {
  errors: {
    createBeyondYours: 'You cannot create a role with permissions you do not hold.',
    keyTaken: 'A role with key {{key}} already exists.',
    locked: 'This role is locked and cannot be changed.',
    changeBeyondYours: 'You cannot change a role with permissions you do not hold.',
    builtInKept: 'Built-in roles cannot be deleted.',
    deleteBeyondYours: 'You cannot delete a role with permissions you do not hold.',
    stillHeld: 'The role is held by {{count}} user(s); take it from them first.',
    grantBeyondYours: 'You cannot grant or revoke the role {{role}}.',
    lastAdministrator: 'At least one active system administrator must remain.',
  },
};
