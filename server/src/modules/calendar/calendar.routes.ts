import {
  BusinessCalendar,
  CalendarDateParams,
  CalendarDay,
  CalendarYearQuery,
  ImportCalendarRequest,
  ImportCalendarResult,
  PutCalendarDayRequest,
  UpdateWeekRequest,
  WorkingTimeAnswer,
  WorkingTimeQuery,
} from '@liaison/contracts';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { CalendarService } from './calendar.service.ts';

export function calendarRoutes(app: App, calendar: CalendarService): void {
  const tags = ['calendar'];

  app.get(
    '/api/calendar',
    {
      config: { access: { authenticated: true } },
      schema: {
        operationId: 'getCalendar',
        summary: 'The business calendar of a year',
        tags,
        querystring: CalendarYearQuery,
        response: { 200: BusinessCalendar },
      },
    },
    (request) => calendar.get(request.query.year),
  );

  app.put(
    '/api/calendar/week',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: {
        operationId: 'setWorkingWeek',
        summary: 'Set the working hours of each weekday',
        tags,
        body: UpdateWeekRequest,
        response: { 200: BusinessCalendar },
      },
    },
    (request) => calendar.updateWeek(actorContext(request), request.body.week),
  );

  app.put(
    '/api/calendar/days/:date',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: {
        operationId: 'setCalendarDay',
        summary: 'Mark a day as a holiday or a working day (调休)',
        tags,
        params: CalendarDateParams,
        body: PutCalendarDayRequest,
        response: { 200: CalendarDay },
      },
    },
    (request) => calendar.putDay(actorContext(request), request.params.date, request.body),
  );

  app.delete(
    '/api/calendar/days/:date',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: {
        operationId: 'clearCalendarDay',
        summary: "Return a day to its weekday's rule",
        tags,
        params: CalendarDateParams,
      },
    },
    async (request, reply) => {
      await calendar.deleteDay(actorContext(request), request.params.date);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/calendar/ical',
    {
      config: { access: { authenticated: true } },
      schema: {
        operationId: 'exportCalendar',
        summary: "Export a year's holidays and working days as iCalendar",
        tags,
        querystring: CalendarYearQuery,
      },
    },
    async (request, reply) => {
      const text = await calendar.exportICalendar(request.query.year);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="liaison-calendar-${request.query.year}.ics"`)
        .send(text);
    },
  );

  app.post(
    '/api/calendar/import',
    {
      config: { access: { permission: 'calendar.manage' } },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        operationId: 'importCalendar',
        summary: 'Import holidays and working days from iCalendar',
        tags,
        body: ImportCalendarRequest,
        response: { 200: ImportCalendarResult },
      },
    },
    (request) => calendar.importICalendar(actorContext(request), request.body),
  );

  app.get(
    '/api/calendar/working-time',
    {
      config: { access: { authenticated: true } },
      schema: {
        operationId: 'computeWorkingTime',
        summary: 'Working hours after an instant, or between two',
        tags,
        querystring: WorkingTimeQuery,
        response: { 200: WorkingTimeAnswer },
      },
    },
    (request) => calendar.workingTime(request.query),
  );
}
