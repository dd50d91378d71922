import type { Task } from '@liaison/contracts';
import { Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import type { ListColumn } from '../../components/list/ListPage.tsx';
import { taskNumber } from '../../shared/taskText.ts';
import { TaskDue, TaskOwner, TaskPriorityTag, TaskStatusTag } from './TaskTags.tsx';

/** The columns of a task list; the due, priority and updated columns sort on the server. */
export function taskColumns(t: TFunction): ListColumn<Task>[] {
  return [
    {
      title: t('tasks.field.number'),
      key: 'number',
      width: 90,
      render: (_, task) => (
        <Link to={`/tasks/${task.id}`} data-testid="task-number">
          {taskNumber(task)}
        </Link>
      ),
    },
    {
      title: t('tasks.field.title'),
      key: 'title',
      card: 'title',
      render: (_, task) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/tasks/${task.id}`} data-testid="task-title-link">
            {task.title}
          </Link>
          {task.nextStep && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {t('tasks.detail.replyNextStep', { text: task.nextStep })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('tasks.field.assigneeOrTeam'),
      key: 'owner',
      width: 170,
      render: (_, task) => <TaskOwner task={task} />,
    },
    {
      title: t('tasks.field.creator'),
      key: 'creator',
      width: 100,
      render: (_, task) => task.creator.displayName,
    },
    {
      title: t('tasks.field.priority'),
      key: 'priority',
      width: 100,
      sortKey: 'priority',
      render: (_, task) => <TaskPriorityTag priority={task.priority} />,
    },
    {
      title: t('tasks.field.status'),
      key: 'status',
      width: 100,
      render: (_, task) => <TaskStatusTag status={task.status} />,
    },
    {
      title: t('tasks.field.dueAt'),
      key: 'due',
      width: 220,
      sortKey: 'due',
      render: (_, task) => <TaskDue task={task} />,
    },
    {
      title: t('tasks.field.updatedAt'),
      key: 'updated',
      width: 150,
      sortKey: 'updated',
      render: (_, task) => formatDateTime(task.updatedAt),
    },
  ];
}
