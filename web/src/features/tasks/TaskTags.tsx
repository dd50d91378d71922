import type { Task, TaskPriority, TaskStatus } from '@liaison/contracts';
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, fromNow } from '../../app/format.ts';
import { PRIORITY_COLOUR, STATUS_COLOUR } from '../../shared/taskText.ts';

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="task-status">
      {t(`tasks.statuses.${status}`)}
    </Tag>
  );
}

export function TaskPriorityTag({ priority }: { priority: TaskPriority }) {
  const { t } = useTranslation();
  return (
    <Tag color={PRIORITY_COLOUR[priority]} variant="outlined" data-testid="task-priority">
      {t(`tasks.priorities.${priority}`)}
    </Tag>
  );
}

/** The due time, red with 已逾期 when an open task is past it. */
export function TaskDue({ task }: { task: Pick<Task, 'dueAt' | 'overdue'> }) {
  const { t } = useTranslation();
  if (!task.dueAt) return <Typography.Text type="secondary">{t('tasks.list.noDue')}</Typography.Text>;
  return (
    <Tooltip title={fromNow(task.dueAt)}>
      <span data-testid="task-due" data-overdue={task.overdue ? 'true' : 'false'}>
        <Typography.Text type={task.overdue ? 'danger' : undefined}>
          {formatDateTime(task.dueAt)}
        </Typography.Text>
        {task.overdue && (
          <Tag color="red" style={{ marginInlineStart: 6 }}>
            {t('tasks.list.overdueTag')}
          </Tag>
        )}
      </span>
    </Tooltip>
  );
}

/** 张三, or the team when nobody in particular has it, or both. */
export function TaskOwner({ task }: { task: Pick<Task, 'assignee' | 'team'> }) {
  const { t } = useTranslation();
  if (!task.assignee && !task.team)
    return <Typography.Text type="secondary">{t('tasks.detail.unassigned')}</Typography.Text>;
  return (
    <span>
      {task.assignee?.displayName}
      {task.assignee && task.team && <Typography.Text type="secondary"> · </Typography.Text>}
      {task.team && (
        <Typography.Text type={task.assignee ? 'secondary' : undefined}>{task.team.name}</Typography.Text>
      )}
    </span>
  );
}
