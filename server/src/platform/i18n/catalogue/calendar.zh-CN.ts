/** The calendar module's server text: its error messages and notices. */
export const calendarZhCN = {
  nouns: {
    day: '日历日期',
  },
  errors: {
    noWorkingTime: '业务日历在十年内没有任何工作时间。',
  },
  notices: {
    rules: '《全国年节及纪念日放假办法》（2024 年修订）',
    nextYear: {
      title: '{{year}} 年节假日安排尚未录入',
      provisional:
        '国务院办公厅关于 {{year}} 年部分节假日安排的通知尚未录入。工作日历已按{{rules}}暂定 {{year}} 年的法定节假日（含逢周末的补假，不含调休上班），用于计算期限；通知发布后请在工作日历中导入或录入正式安排，暂定安排将被整体替换。',
      working:
        '国务院办公厅关于 {{year}} 年部分节假日安排的通知尚未录入，{{year}} 年的节假日目前按工作日计算。请在工作日历中导入或录入正式安排。',
    },
  },
};
