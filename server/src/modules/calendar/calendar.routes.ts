import {
  BusinessCalendar,
  CalendarDateParams,
  CalendarDay,
  CalendarYearParams,
  CalendarYearQuery,
  ImportCalendarRequest,
  ImportCalendarResult,
  PutCalendarDayRequest,
  PutCalendarYearRequest,
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
        tags,
        operationId: 'getCalendar',
        summary:
          "A year's holidays and adjusted working days, with the weekly hours and where the year's holidays come from",
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
        tags,
        operationId: 'updateCalendarWeek',
        summary: 'Set the weekly working hours',
        body: UpdateWeekRequest,
        response: { 200: BusinessCalendar },
      },
    },
    (request) => calendar.updateWeek(actorContext(request), request.body.week),
  );

  app.put(
    '/api/calendar/years/:year',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: {
        tags,
        operationId: 'putCalendarYear',
        summary:
          "Enter a year's official holiday arrangement, replacing all its exceptions (provisional ones included)",
        params: CalendarYearParams,
        body: PutCalendarYearRequest,
        response: { 200: BusinessCalendar },
      },
    },
    (request) => calendar.putYear(actorContext(request), request.params.year, request.body),
  );

  app.put(
    '/api/calendar/days/:date',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: {
        tags,
        operationId: 'putCalendarDay',
        summary: 'Set one date as a holiday or an adjusted working day',
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
        tags,
        operationId: 'deleteCalendarDay',
        summary: 'Remove one date’s exception',
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
        tags,
        operationId: 'exportCalendar',
        summary: "A year's exceptions as an iCalendar file",
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
        tags,
        operationId: 'importCalendar',
        summary: 'Import an iCalendar file as the official arrangement of the years it covers',
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
        tags,
        operationId: 'getWorkingTime',
        summary: 'N working hours after an instant, or the working hours between two',
        querystring: WorkingTimeQuery,
        response: { 200: WorkingTimeAnswer },
      },
    },
    (request) => calendar.workingTime(request.query),
  );
}
