import type { TaskStatus } from '@liaison/contracts';

/** How a status reads in a notice (the notices are Chinese until the server catalogue arrives). */
export const STATUS_LABEL: Record<TaskStatus, string> = {
  todo: '待办',
  in_progress: '进行中',
  blocked: '受阻',
  done: '已完成',
  cancelled: '已取消',
};

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
