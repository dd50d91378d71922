import type { CalendarMessages } from './calendar.zh-CN.ts';

const calendarEnUS: CalendarMessages = {
  title: 'Working calendar',
  subtitle:
    'Working hours count request response deadlines, task reminders and more; holidays and adjusted working days are kept per year',
  weekdays: {
    d1: 'Mon',
    d2: 'Tue',
    d3: 'Wed',
    d4: 'Thu',
    d5: 'Fri',
    d6: 'Sat',
    d7: 'Sun',
  },
  dayKinds: {
    holiday: 'Holiday',
    workday: 'Adjusted working day',
  },
  week: {
    title: 'Weekly working hours',
    timeZone: 'Time zone: {{zone}}',
    dayOff: 'Day off',
    addPeriod: 'Add period',
    hours: '{{hours}} h',
    total: '{{hours}} working hours a week',
    saved: 'Working hours saved',
    overlap: 'Periods of {{day}} overlap',
    invalid: '{{day}} has a period that ends before it starts',
    workdayHint: 'Adjusted working days follow Monday’s hours',
  },
  days: {
    title: 'Holidays and adjusted working days',
    year: 'Year',
    add: 'Add a date',
    addTitle: 'Add a holiday or adjusted working day',
    editTitle: 'Edit {{date}}',
    date: 'Date',
    kind: 'Kind',
    name: 'Name',
    namePlaceholder: 'E.g. National Day',
    weekday: 'Weekday',
    days: 'Days',
    count: '{{count}} days',
    deleteConfirm: 'Delete {{date}} ({{name}})?',
    empty: 'No holidays or adjusted working days in {{year}} yet',
    summary: '{{year}}: {{holidays}} days off, {{workdays}} adjusted working days',
    saved: 'Saved',
  },
  ical: {
    import: 'Import iCalendar',
    export: 'Export iCalendar',
    importTitle: 'Import iCalendar (.ics)',
    importHint:
      'Paste or upload an .ics file. All-day events named with 休 or 假 become holidays, those with 班 adjusted working days.',
    upload: 'Choose an .ics file',
    paste: 'or paste the .ics text here',
    replaceYears: 'Replace every exception of the years the file covers (otherwise merge)',
    empty: 'Paste or upload the .ics text first',
    result: 'Imported: {{added}} added, {{updated}} updated, {{removed}} removed ({{years}})',
  },
  sla: {
    title: 'Request response time',
    firstResponseHours: 'First response within',
    unit: 'working hours',
    hint: 'The receiving department must first respond within this many working hours; if late, the request escalates to its head, then to senior leadership',
    saved: 'Response time saved',
    example: 'A request raised now would be due by {{at}}',
  },
};

export default calendarEnUS;
