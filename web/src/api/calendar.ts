import type {
  BusinessCalendar,
  CalendarDay,
  ImportCalendarRequest,
  ImportCalendarResult,
  PutCalendarDayRequest,
  PutCalendarYearRequest,
  WeekSchedule,
  WorkingTimeAnswer,
} from '@liaison/contracts';
import { download, request } from './client.ts';

/** 工作日历: weekly working hours and the year's holidays and adjusted working days. */

export const getCalendar = (year: number) => request<BusinessCalendar>('/calendar', { query: { year } });
export const updateWeek = (week: WeekSchedule) =>
  request<BusinessCalendar>('/calendar/week', { method: 'PUT', body: { week } });
export const putCalendarDay = (date: string, body: PutCalendarDayRequest) =>
  request<CalendarDay>(`/calendar/days/${date}`, { method: 'PUT', body });
export const deleteCalendarDay = (date: string) =>
  request<void>(`/calendar/days/${date}`, { method: 'DELETE' });
export const exportCalendar = (year: number) =>
  download('/calendar/ical', { year }, `liaison-calendar-${year}.ics`);
export const importCalendar = (body: ImportCalendarRequest) =>
  request<ImportCalendarResult>('/calendar/import', { method: 'POST', body });
/** When N working hours after `from` end (e.g. a request's response deadline). */
export const workingTime = (from: string, hours: number) =>
  request<WorkingTimeAnswer>('/calendar/working-time', { query: { from, hours } });
/** The year's official arrangement entered by hand: replaces every exception of that year. */
export const putCalendarYear = (year: number, body: PutCalendarYearRequest) =>
  request<BusinessCalendar>(`/calendar/years/${year}`, { method: 'PUT', body });
