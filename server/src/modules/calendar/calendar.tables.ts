import type { CalendarDayKind } from '@liaison/contracts';

/** Days that depart from the weekly schedule (holidays, adjusted working days), and each year's source. */
export interface CalendarTables {
  calendar_days: {
    date: string;
    kind: CalendarDayKind;
    name: string;
    /** 1 when filled from the statutory rules, until the official arrangement replaces it. */
    provisional: number;
    updated_at: string;
  };
  calendar_years: {
    year: number;
    /** When the year was filled from the statutory rules (once; an administrator may delete days). */
    provisional_at: string | null;
    /** When its official arrangement was imported or entered. */
    official_at: string | null;
    /** When administrators were told it had no official arrangement (once). */
    reminded_at: string | null;
  };
}
