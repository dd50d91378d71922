import type { Catalogue } from '../catalogue-types.ts';
import type { counterpartiesZhCN } from './counterparties.zh-CN.ts';

export const counterpartiesEnUS: Catalogue<typeof counterpartiesZhCN> = {
  errors: {
    nameTaken: '{{name}} is already registered.',
  },
};
