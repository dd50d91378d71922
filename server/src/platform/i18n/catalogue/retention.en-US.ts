import type { Catalogue } from '../catalogue-types.ts';
import type { retentionZhCN } from './retention.zh-CN.ts';

export const retentionEnUS: Catalogue<typeof retentionZhCN> = {
  errors: {
    holdReleased: 'This hold was already released.',
  },
  nouns: {
    legalHold: 'Legal hold',
    archive: 'Archive',
  },
};
