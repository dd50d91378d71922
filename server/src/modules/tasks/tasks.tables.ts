import type { TaskPriority, TaskStatus } from '@liaison/contracts';

export type ReminderStage = 'due_soon' | 'overdue';

export interface TasksTables {
  tasks: {
    id: string;
    number: number;
    title: string;
    description: string;
    status: TaskStatus;
    priority: TaskPriority;
    assignee_id: string | null;
    team_id: string | null;
    /** The assignee's department, or the team's: what department data scope reads. */
    department_id: string | null;
    creator_id: string;
    due_at: string | null;
    /** JSON array of ChecklistItem. */
    checklist: string;
    next_step: string | null;
    /** JSON TaskSource or null. */
    source: string | null;
    reply_count: number;
    reminder_at: string | null;
    reminder_stage: ReminderStage | null;
    /** Lower-cased title and description, for the list filter. */
    search_text: string;
    completed_at: string | null;
    created_at: string;
    updated_at: string;
  };
  task_collaborators: { task_id: string; user_id: string };
  task_replies: {
    id: string;
    task_id: string;
    author_id: string;
    body: string;
    status_from: TaskStatus | null;
    status_to: TaskStatus | null;
    next_step: string | null;
    created_at: string;
  };
  task_files: {
    id: string;
    task_id: string;
    reply_id: string | null;
    uploader_id: string;
    file_name: string;
    content_type: string;
    size: number;
    sha256: string;
    blob_key: string;
    created_at: string;
  };
}
