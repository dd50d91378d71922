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
      schema: { tags, querystring: CalendarYearQuery, response: { 200: BusinessCalendar } },
    },
    (request) => calendar.get(request.query.year),
  );

  app.put(
    '/api/calendar/week',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: { tags, body: UpdateWeekRequest, response: { 200: BusinessCalendar } },
    },
    (request) => calendar.updateWeek(actorContext(request), request.body.week),
  );

  app.put(
    '/api/calendar/years/:year',
    {
      config: { access: { permission: 'calendar.manage' } },
      schema: {
        tags,
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
        params: CalendarDateParams,
        body: PutCalendarDayRequest,
        response: { 200: CalendarDay },
      },
    },
    (request) => calendar.putDay(actorContext(request), request.params.date, request.body),
  );

  app.delete(
    '/api/calendar/days/:date',
    { config: { access: { permission: 'calendar.manage' } }, schema: { tags, params: CalendarDateParams } },
    async (request, reply) => {
      await calendar.deleteDay(actorContext(request), request.params.date);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/calendar/ical',
    { config: { access: { authenticated: true } }, schema: { tags, querystring: CalendarYearQuery } },
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
      schema: { tags, body: ImportCalendarRequest, response: { 200: ImportCalendarResult } },
    },
    (request) => calendar.importICalendar(actorContext(request), request.body),
  );

  app.get(
    '/api/calendar/working-time',
    {
      config: { access: { authenticated: true } },
      schema: { tags, querystring: WorkingTimeQuery, response: { 200: WorkingTimeAnswer } },
    },
    (request) => calendar.workingTime(request.query),
  );
}
