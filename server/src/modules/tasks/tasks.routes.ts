import {
  CreateTaskReplyRequest,
  CreateTaskRequest,
  IdParams,
  TaskDetail,
  TaskFile,
  TaskFileParams,
  TaskListQuery,
  TaskPage,
  TaskReply,
  UpdateTaskRequest,
} from '@liaison/contracts';
import { sendFile } from '../../platform/http/file-reply.ts';
import { readUploadedFile } from '../../platform/http/multipart.ts';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { TaskRepliesService } from './task-replies.service.ts';
import type { TasksService } from './tasks.service.ts';

export function tasksRoutes(
  app: App,
  tasks: TasksService,
  replies: TaskRepliesService,
  maxFileBytes: number,
): void {
  const tags = ['tasks'];
  const use = { access: { permission: 'task.use' } } as const;

  app.get(
    '/api/tasks',
    {
      config: use,
      schema: {
        operationId: 'listTasks',
        summary: 'List tasks',
        tags,
        querystring: TaskListQuery,
        response: { 200: TaskPage },
      },
    },
    (request) => tasks.list(actorContext(request), request.query),
  );

  app.post(
    '/api/tasks',
    {
      config: use,
      schema: {
        operationId: 'createTask',
        summary: 'Assign a task',
        tags,
        body: CreateTaskRequest,
        response: { 201: TaskDetail },
      },
    },
    async (request, reply) => reply.code(201).send(await tasks.create(actorContext(request), request.body)),
  );

  app.get(
    '/api/tasks/:id',
    {
      config: use,
      schema: {
        operationId: 'getTask',
        summary: 'Get a task with its replies and files',
        tags,
        params: IdParams,
        response: { 200: TaskDetail },
      },
    },
    (request) => tasks.get(actorContext(request), request.params.id),
  );

  app.patch(
    '/api/tasks/:id',
    {
      config: use,
      schema: {
        operationId: 'updateTask',
        summary: 'Update a task',
        tags,
        params: IdParams,
        body: UpdateTaskRequest,
        response: { 200: TaskDetail },
      },
    },
    (request) => tasks.update(actorContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/tasks/:id/replies',
    {
      config: use,
      schema: {
        operationId: 'replyToTask',
        summary: 'Reply to a task with progress and the next step',
        tags,
        params: IdParams,
        body: CreateTaskReplyRequest,
        response: { 201: TaskReply },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await replies.reply(actorContext(request), request.params.id, request.body)),
  );

  app.post(
    '/api/tasks/:id/files',
    {
      config: use,
      schema: {
        operationId: 'uploadTaskFile',
        summary: 'Upload a file for a task reply',
        tags,
        params: IdParams,
        consumes: ['multipart/form-data'],
        description: 'Upload one file (form field `file`); then reply with its id in `fileIds`.',
        response: { 201: TaskFile },
      },
    },
    async (request, reply) => {
      const file = await readUploadedFile(request, maxFileBytes);
      return reply.code(201).send(await replies.uploadFile(actorContext(request), request.params.id, file));
    },
  );

  app.get(
    '/api/tasks/:id/files/:fileId',
    {
      config: use,
      schema: {
        operationId: 'downloadTaskFile',
        summary: 'Download a task file',
        tags,
        params: TaskFileParams,
      },
    },
    async (request, reply) => {
      const { file, stream } = await replies.openFile(
        actorContext(request),
        request.params.id,
        request.params.fileId,
      );
      return sendFile(reply, file, stream);
    },
  );
}
