import type { Catalogue } from '../catalogue-types.ts';
import type { calendarZhCN } from './calendar.zh-CN.ts';

export const calendarEnUS: Catalogue<typeof calendarZhCN> = {
  nouns: {
    day: 'calendar day',
  },
  errors: {
    noWorkingTime: 'The business calendar has no working time within ten years.',
  },
  notices: {
    rules: 'the National Holidays Regulations (2024 revision)',
    nextYear: {
      title: 'The {{year}} holiday arrangement is not entered yet',
      provisional:
        'The State Council notice on the {{year}} holidays has not been entered. The business calendar has provisional {{year}} statutory holidays under {{rules}} (with substitute days for holidays on weekends, without make-up working days), used for deadlines; once the notice is out, import or enter the official arrangement in the business calendar, which replaces the provisional one.',
      working:
        'The State Council notice on the {{year}} holidays has not been entered, so {{year}} holidays currently count as working days. Import or enter the official arrangement in the business calendar.',
    },
  },
};
