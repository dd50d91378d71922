import type { Catalogue } from '../catalogue-types.ts';
import type { calendarZhCN } from './calendar.zh-CN.ts';

export const calendarEnUS: Catalogue<typeof calendarZhCN> = {
  nouns: {
    day: 'calendar day',
  },
  errors: {
    noWorkingTime: 'The business calendar has no working time within ten years.',
  },
};
