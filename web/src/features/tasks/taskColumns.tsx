import type { Task } from '@liaison/contracts';
import type { TableColumnsType } from 'antd';
import { Space, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { TaskFilters } from '../../api/tasks.ts';
import { formatDateTime } from '../../app/format.ts';
import { taskNumber } from '../../shared/taskText.ts';
import { TaskDue, TaskOwner, TaskPriorityTag, TaskStatusTag } from './TaskTags.tsx';

type Sort = NonNullable<TaskFilters['sort']>;

/** The columns of a task list; the due, priority and updated columns sort on the server. */
export function taskColumns(t: TFunction, sort: Sort, order: 'asc' | 'desc'): TableColumnsType<Task> {
  const sortOrder = (key: Sort): SortOrder =>
    sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null;
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
      sorter: true,
      sortOrder: sortOrder('priority'),
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
      sorter: true,
      sortOrder: sortOrder('due'),
      render: (_, task) => <TaskDue task={task} />,
    },
    {
      title: t('tasks.field.updatedAt'),
      key: 'updated',
      width: 150,
      sorter: true,
      sortOrder: sortOrder('updated'),
      render: (_, task) => formatDateTime(task.updatedAt),
    },
  ];
}
