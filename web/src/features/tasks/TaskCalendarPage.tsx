import type { Task } from '@liaison/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Calendar, Card, Empty, Flex, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { listTasks, type TaskFilters } from '../../api/tasks.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { taskNumber } from '../../shared/taskText.ts';
import { tasksByDay, visibleRange } from './calendarTasks.ts';
import { MY_TASKS, scopeFilters, TaskScopeSelect } from './TaskScopeSelect.tsx';
import { TaskDue, TaskPriorityTag, TaskStatusTag } from './TaskTags.tsx';
import './tasks.css';

/** How many tasks a day cell lists before "还有 n 项". */
const CELL_TASKS = 3;

/** 任务日历: a month of tasks by due date; a day's full list beside it. */
export default function TaskCalendarPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const scope = params.get('team') ?? MY_TASKS;
  // The calendar shows the selected day's month, so that month's weeks are what is loaded.
  const [selected, setSelected] = useState<Dayjs>(() => dayjs());
  const range = visibleRange(selected);
  const filters: TaskFilters = {
    ...scopeFilters(scope),
    dueFrom: range.from.toISOString(),
    dueTo: range.to.toISOString(),
    sort: 'due',
    order: 'asc',
  };
  const query = useQuery({
    queryKey: queryKeys.tasks.list(filters, 1, 200),
    queryFn: () => listTasks(filters, 1, 200),
    placeholderData: keepPreviousData,
  });
  const days = useMemo(() => tasksByDay(query.data?.items ?? []), [query.data]);
  const dayTasks = days.get(selected.format('YYYY-MM-DD')) ?? [];

  const cell = (date: Dayjs) => {
    const tasks = days.get(date.format('YYYY-MM-DD')) ?? [];
    if (tasks.length === 0) return null;
    return (
      <div data-testid="calendar-day-tasks">
        {tasks.slice(0, CELL_TASKS).map((task) => (
          <Link
            key={task.id}
            to={`/tasks/${task.id}`}
            className="lia-calendar-task"
            data-status={task.status}
            data-overdue={task.overdue ? 'true' : 'false'}
            title={`${taskNumber(task)} ${task.title}`}
            onClick={(event) => event.stopPropagation()}
          >
            {dayjs(task.dueAt).format('HH:mm')} {task.title}
          </Link>
        ))}
        {tasks.length > CELL_TASKS && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tasks.calendar.more', { count: tasks.length - CELL_TASKS })}
          </Typography.Text>
        )}
      </div>
    );
  };

  return (
    <div data-testid="task-calendar-page">
      <PageHeader
        title={t('tasks.calendar.title')}
        subtitle={t('tasks.calendar.subtitle')}
        extra={
          <Flex align="center" gap={8}>
            <Typography.Text type="secondary">{t('tasks.calendar.scope')}</Typography.Text>
            <TaskScopeSelect
              value={scope}
              onChange={(next) => setParams(next === MY_TASKS ? {} : { team: next }, { replace: true })}
            />
          </Flex>
        }
      />
      <Flex gap={16} align="flex-start" wrap>
        <Card style={{ flex: '1 1 720px', minWidth: 0 }} loading={query.isLoading && !query.data}>
          <Calendar
            value={selected}
            onSelect={(date) => setSelected(date)}
            onPanelChange={(date) => setSelected(date)}
            cellRender={(date, info) => (info.type === 'date' ? cell(date) : info.originNode)}
          />
        </Card>
        <Card
          style={{ flex: '0 1 340px' }}
          title={t('tasks.calendar.openDay', { date: selected.format('LL') })}
          data-testid="calendar-day-list"
        >
          {dayTasks.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.calendar.none')} />
          ) : (
            <Flex vertical gap={12}>
              {dayTasks.map((task: Task) => (
                <Flex key={task.id} vertical gap={4}>
                  <Link to={`/tasks/${task.id}`}>
                    {taskNumber(task)} {task.title}
                  </Link>
                  <Space size={4} wrap>
                    <TaskStatusTag status={task.status} />
                    <TaskPriorityTag priority={task.priority} />
                    <TaskDue task={task} />
                  </Space>
                </Flex>
              ))}
            </Flex>
          )}
        </Card>
      </Flex>
    </div>
  );
}
