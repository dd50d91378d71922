/** 工作日历: working hours, holidays and adjusted working days. en-US mirrors these keys. */
const calendarZhCN = {
  title: '工作日历',
  subtitle: '工作时间用于计算部门请求的响应时限、任务提醒等；节假日和调休按年份维护',
  weekdays: {
    d1: '周一',
    d2: '周二',
    d3: '周三',
    d4: '周四',
    d5: '周五',
    d6: '周六',
    d7: '周日',
  },
  dayKinds: {
    holiday: '放假',
    workday: '调休上班',
  },
  week: {
    title: '每周工作时间',
    timeZone: '时区：{{zone}}',
    dayOff: '休息',
    addPeriod: '添加时段',
    hours: '{{hours}} 小时',
    total: '每周共 {{hours}} 个工作小时',
    saved: '工作时间已保存',
    overlap: '{{day}} 的时段有重叠',
    invalid: '{{day}} 有结束时间早于开始时间的时段',
    workdayHint: '调休上班日按周一的工作时间计算',
  },
  days: {
    title: '节假日与调休',
    year: '年份',
    add: '添加日期',
    addTitle: '添加节假日或调休',
    editTitle: '编辑 {{date}}',
    date: '日期',
    kind: '类型',
    name: '名称',
    namePlaceholder: '例如：国庆节',
    weekday: '星期',
    deleteConfirm: '确定删除 {{date}}（{{name}}）吗？',
    empty: '{{year}} 年还没有节假日或调休',
    summary: '{{year}} 年：放假 {{holidays}} 天，调休上班 {{workdays}} 天',
    saved: '已保存',
  },
  ical: {
    import: '导入 iCalendar',
    export: '导出 iCalendar',
    importTitle: '导入 iCalendar (.ics)',
    importHint:
      '粘贴或上传 .ics 文件内容。名称含“休”“假”的全天事件按放假处理，含“班”的按调休上班处理。',
    upload: '选择 .ics 文件',
    paste: '或在此粘贴 .ics 内容',
    replaceYears: '替换文件涉及年份的全部节假日和调休（否则合并）',
    empty: '请先粘贴或上传 .ics 内容',
    result: '导入完成：新增 {{added}}，更新 {{updated}}，删除 {{removed}}（{{years}}）',
  },
  sla: {
    title: '部门请求响应时限',
    firstResponseHours: '首次响应时限',
    unit: '个工作小时',
    hint: '接收部门须在发起后该时长（按工作时间计算）内首次响应；超时先升级至部门负责人，再超时升级至高层领导',
    saved: '响应时限已保存',
    example: '例如现在发起的请求，应在 {{at}} 前响应',
  },
};

export default calendarZhCN;
export type CalendarMessages = typeof calendarZhCN;
