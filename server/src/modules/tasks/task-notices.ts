import type { TaskStatus } from '@liaison/contracts';
import { type Text, text } from '../../platform/i18n/i18n.ts';

/** A status as the reader's language names it (待办 / To do). */
export function statusText(status: TaskStatus): Text {
  return text(`tasks.status.${status}`);
}

/** Whom a task went to, for a notice read by them: "you", or the team by name. */
export function assignedTo(teamName: string | null): Text {
  return teamName ? text('tasks.notices.toTeam', { team: teamName }) : text('tasks.notices.toYou');
}

export function truncate(body: string, max: number): string {
  return body.length > max ? `${body.slice(0, max)}…` : body;
}
