import type { Catalogue } from '../catalogue-types.ts';
import type { tasksZhCN } from './tasks.zh-CN.ts';

export const tasksEnUS: Catalogue<typeof tasksZhCN> = {
  errors: {
    mayNotReply: 'You may not reply to this task.',
    mayNotChangeStatus: 'You may not change this task’s status.',
    mayNotAddFiles: 'You may not add files to this task.',
    assigneeOutOfScope: 'This person is outside the people you may assign tasks to.',
    teamOutOfScope: 'You may assign tasks only to teams you belong to or manage.',
    notTeamMember: 'You are not a member of this team.',
    othersTasks: 'You may not see other people’s tasks.',
    editCreatorOnly: 'Only the task’s creator or a manager may change it.',
    mayNotChange: 'You may not change this task.',
  },
  status: {
    todo: 'To do',
    in_progress: 'In progress',
    blocked: 'Blocked',
    done: 'Done',
    cancelled: 'Cancelled',
  },
  notices: {
    toYou: 'you',
    toTeam: 'the team {{team}}',
    dueSuffix: ', due {{due}}',
    assigned: {
      title: 'New task: {{title}}',
      body: '{{actor}} assigned task {{number}} to {{target}}{{due}}.',
    },
    handedOver: {
      title: 'Task handed to you: {{title}}',
      body: '{{actor}} handed task {{number}} to {{target}}.',
    },
    statusChanged: {
      title: 'Task {{status}}: {{title}}',
      body: '{{actor}} moved task {{number}} from “{{from}}” to “{{to}}”.',
    },
    replied: {
      title: 'Progress on a task: {{title}}',
      body: '{{actor}}{{change}}: {{excerpt}}',
    },
    replyStatusChange: ' ({{from}} → {{to}})',
    dueSoon: {
      title: 'Task due soon: {{title}}',
      body: 'Task {{number}} is due {{due}}; it is “{{status}}”.',
    },
    overdue: {
      title: 'Task overdue: {{title}}',
      body: 'Task {{number}} was due {{due}} and is not finished ({{status}}).',
    },
  },
};
