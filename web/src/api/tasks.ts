import type {
  CreateTaskReplyRequest,
  CreateTaskRequest,
  TaskDetail,
  TaskFile,
  TaskListQuery,
  TaskPage,
  TaskPriority,
  TaskReply,
  TaskStatus,
  UpdateTaskRequest,
} from '@liaison/contracts';
import { request } from './client.ts';

/** 任务: lists by view, one task with its progress replies, and its files. */

/** TaskListQuery as the screens hold it (paging apart); lists go as comma-separated values. */
export type TaskFilters = Partial<Omit<TaskListQuery, 'page' | 'pageSize' | 'status' | 'priority'>> & {
  status?: TaskStatus[];
  priority?: TaskPriority[];
};

export const listTasks = (filters: TaskFilters, page = 1, pageSize = 20) =>
  request<TaskPage>('/tasks', {
    query: {
      ...filters,
      status: filters.status?.join(','),
      priority: filters.priority?.join(','),
      page,
      pageSize,
    },
  });
export const getTask = (id: string) => request<TaskDetail>(`/tasks/${id}`);
/** The request as the form sends it, before the server fills in its defaults. */
export type NewTask = Partial<CreateTaskRequest> & Pick<CreateTaskRequest, 'title'>;
export const createTask = (body: NewTask) => request<TaskDetail>('/tasks', { method: 'POST', body });
export const updateTask = (id: string, body: UpdateTaskRequest) =>
  request<TaskDetail>(`/tasks/${id}`, { method: 'PATCH', body });
export const replyToTask = (id: string, body: Partial<CreateTaskReplyRequest> & { body: string }) =>
  request<TaskReply>(`/tasks/${id}/replies`, { method: 'POST', body });

export function uploadTaskFile(id: string, file: File): Promise<TaskFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<TaskFile>(`/tasks/${id}/files`, { method: 'POST', body: form });
}

/** Same-origin, so the session cookie rides along. */
export const taskFileUrl = (taskId: string, fileId: string) => `/api/tasks/${taskId}/files/${fileId}`;
