import type { CalendarDayKind } from '@liaison/contracts';

/** Days that depart from the weekly schedule (holidays, adjusted working days). */
export interface CalendarTables {
  calendar_days: { date: string; kind: CalendarDayKind; name: string; updated_at: string };
}
