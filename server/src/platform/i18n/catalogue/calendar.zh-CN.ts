/** The calendar module's server text: its error messages and notices. */
export const calendarZhCN = {
  nouns: {
    day: '日历日期',
  },
  errors: {
    noWorkingTime: '业务日历在十年内没有任何工作时间。',
  },
};
