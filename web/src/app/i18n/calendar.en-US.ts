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
  schedule: {
    official: 'Official',
    provisional: 'Provisional',
    none: 'Not entered',
    provisionalTag: 'Provisional',
    provisionalHint:
      'The holidays of {{year}} are provisional, computed from the statutory holiday rules (with days given back for holidays on a weekend, without adjusted working weekends) so that deadlines stay right. When the State Council publishes its notice, import or enter the official arrangement: it replaces the provisional one entirely.',
  },
  nextYear: {
    provisional:
      'The holidays of {{year}} have not been entered; deadlines use the provisional statutory holidays meanwhile',
    none: 'The holidays of {{year}} have not been entered; those days count as working days for now',
    description:
      'The State Council usually publishes next year’s holiday arrangement between late October and November. Once it is out, import an iCalendar file or enter the official arrangement.',
    view: 'View {{year}}',
  },
  official: {
    enter: 'Enter official arrangement',
    title: 'Official arrangement for {{year}}',
    hint: 'Enter the days off and adjusted working days of the State Council’s notice. Saving replaces every holiday and adjusted working day of {{year}}, the provisional ones included.',
    range: 'Dates',
    add: 'Add an entry',
    saved: 'Official arrangement for {{year}} saved',
    outsideYear: 'Entry {{row}} is not in {{year}}',
    overlap: 'Entry {{row}} overlaps an earlier one',
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
      'Paste or upload the .ics text. Events whose name says 班 are adjusted working days, the rest days off; timed events count for the dates they cover in the organisation’s time zone. The file is the official arrangement of the years it covers: their provisional days are replaced.',
    upload: 'Choose an .ics file',
    paste: 'or paste the .ics text here',
    replaceYears: 'Replace every exception of the years the file covers (otherwise merge)',
    empty: 'Paste or upload the .ics text first',
    result: 'Imported: {{added}} added, {{updated}} updated, {{removed}} removed ({{years}})',
    replaced: 'Replaced the provisional arrangement of {{years}}',
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
