import type { Catalogue } from '../catalogue-types.ts';
import type { teamsZhCN } from './teams.zh-CN.ts';

export const teamsEnUS: Catalogue<typeof teamsZhCN> = {
  errors: {
    ownerStays: 'Hand the team to another owner before removing its owner.',
    outOfScope: 'This team is outside your scope.',
    manageOutOfScope: 'You can only manage teams of departments within your scope.',
  },
};
