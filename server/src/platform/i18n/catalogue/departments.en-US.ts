import type { Catalogue } from '../catalogue-types.ts';
import type { departmentsZhCN } from './departments.zh-CN.ts';

export const departmentsEnUS: Catalogue<typeof departmentsZhCN> = {
  errors: {
    notEmpty: 'Move the sub-departments and members elsewhere before deleting this department.',
    nameTaken: 'A department named {{name}} already exists at this level.',
    codeTaken: 'The department code {{code}} is already used.',
  },
};
