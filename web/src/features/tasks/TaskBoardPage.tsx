import { CheckSquareOutlined, MessageOutlined } from '@ant-design/icons';
import type { Task, TaskPage, TaskStatus } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BadgeProps } from 'antd';
import { Alert, App, Badge, Card, Flex, Space, Tag, Typography } from 'antd';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { listTasks, type TaskFilters } from '../../api/tasks.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useUpdateTask } from '../../shared/queries/tasks.ts';
import { checklistProgress, STATUS_COLOUR, taskNumber } from '../../shared/taskText.ts';
import { BOARD_COLUMNS, canDrop, groupByStatus, moveTask } from './board.ts';
import { MY_TASKS, scopeFilters, TaskScopeSelect } from './TaskScopeSelect.tsx';
import { TaskPriorityTag } from './TaskTags.tsx';
import './tasks.css';

/** The most a board loads (the API's page limit); the soonest due come first. */
const BOARD_LIMIT = 200;

function BoardCard({
  task,
  dragging,
  onDragStart,
  onDragEnd,
}: {
  task: Task;
  dragging: boolean;
  onDragStart: (event: DragEvent) => void;
  onDragEnd: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const progress = checklistProgress(task.checklist);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a draggable card, opened by click or Enter
    <div
      role="button"
      tabIndex={0}
      className="lia-board-card"
      draggable={task.can.changeStatus}
      data-testid="board-card"
      data-task-id={task.id}
      data-overdue={task.overdue ? 'true' : 'false'}
      data-dragging={dragging ? 'true' : 'false'}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onClick={() => navigate(`/tasks/${task.id}`)}
      onKeyDown={(event) => event.key === 'Enter' && navigate(`/tasks/${task.id}`)}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {taskNumber(task)}
        </Typography.Text>
        <TaskPriorityTag priority={task.priority} />
      </Flex>
      <Typography.Paragraph strong ellipsis={{ rows: 2 }} style={{ margin: '4px 0 6px' }}>
        {task.title}
      </Typography.Paragraph>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {task.assignee?.displayName ?? task.team?.name ?? t('tasks.detail.unassigned')}
        </Typography.Text>
        {task.dueAt && (
          <Typography.Text type={task.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
            {t('tasks.board.dueShort', { date: formatDateTime(task.dueAt) })}
          </Typography.Text>
        )}
      </Flex>
      {(progress.total > 0 || task.replyCount > 0 || task.overdue) && (
        <Space size={10} style={{ marginTop: 6, fontSize: 12, color: '#8c8c8c' }}>
          {task.overdue && <Tag color="red">{t('tasks.list.overdueTag')}</Tag>}
          {progress.total > 0 && (
            <span>
              <CheckSquareOutlined /> {progress.done}/{progress.total}
            </span>
          )}
          {task.replyCount > 0 && (
            <span>
              <MessageOutlined /> {task.replyCount}
            </span>
          )}
        </Space>
      )}
    </div>
  );
}

/** 团队看板: my tasks or a team's, one column per status; dropping a card on a column sets its status. */
export default function TaskBoardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const scope = params.get('team') ?? MY_TASKS;
  const filters: TaskFilters = { ...scopeFilters(scope), sort: 'due', order: 'asc' };
  const key = queryKeys.tasks.list(filters, 1, BOARD_LIMIT);
  const query = useQuery({ queryKey: key, queryFn: () => listTasks(filters, 1, BOARD_LIMIT) });
  const update = useUpdateTask();
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<TaskStatus | null>(null);

  const tasks = query.data?.items ?? [];
  const columns = groupByStatus(tasks);
  const draggedTask = tasks.find((task) => task.id === dragged);

  const move = useMutation({
    mutationFn: ({ task, status }: { task: Task; status: TaskStatus }) =>
      update.mutateAsync({ id: task.id, change: { status } }),
    onMutate: async ({ task, status }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<TaskPage>(key);
      queryClient.setQueryData<TaskPage>(key, (data) =>
        data ? { ...data, items: moveTask(data.items, task.id, status) } : data,
      );
      return { before };
    },
    onSuccess: (_saved, { task, status }) =>
      message.success(
        t('tasks.board.moved', { number: taskNumber(task), status: t(`tasks.statuses.${status}`) }),
      ),
    onError: (error, _variables, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
      showError(error);
    },
  });

  const drop = (status: TaskStatus) => (event: DragEvent) => {
    event.preventDefault();
    setOver(null);
    const id = event.dataTransfer.getData('text/plain') || dragged;
    const task = tasks.find((candidate) => candidate.id === id);
    setDragged(null);
    if (!task || task.status === status) return;
    if (!task.can.changeStatus) {
      message.warning(t('tasks.board.cannotMove'));
      return;
    }
    move.mutate({ task, status });
  };

  return (
    <div data-testid="task-board-page">
      <PageHeader
        title={t('tasks.board.title')}
        subtitle={t('tasks.board.subtitle')}
        extra={
          <Flex align="center" gap={8}>
            <Typography.Text type="secondary">{t('tasks.board.scope')}</Typography.Text>
            <TaskScopeSelect
              value={scope}
              onChange={(next) => setParams(next === MY_TASKS ? {} : { team: next }, { replace: true })}
            />
          </Flex>
        }
      />
      {(query.data?.total ?? 0) > BOARD_LIMIT && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('tasks.board.truncated', { count: BOARD_LIMIT })}
        />
      )}
      <Card loading={query.isLoading} styles={{ body: { padding: 12 } }}>
        <div className="lia-board" data-testid="task-board">
          {BOARD_COLUMNS.map((status) => (
            // biome-ignore lint/a11y/noStaticElementInteractions: dragging is a shortcut; the task page's status select is the accessible way
            <section
              key={status}
              className="lia-board-column"
              data-testid={`board-column-${status}`}
              data-over={over === status ? 'true' : 'false'}
              onDragOver={(event) => {
                if (!canDrop(draggedTask, status)) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                if (over !== status) setOver(status);
              }}
              onDragLeave={(event) => {
                if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(null);
              }}
              onDrop={drop(status)}
            >
              <div className="lia-board-column-head">
                <Badge
                  status={STATUS_COLOUR[status] as BadgeProps['status']}
                  text={t(`tasks.statuses.${status}`)}
                />
                <Tag variant="filled">{columns[status].length}</Tag>
              </div>
              <div className="lia-board-cards">
                {columns[status].map((task) => (
                  <BoardCard
                    key={task.id}
                    task={task}
                    dragging={dragged === task.id}
                    onDragStart={(event) => {
                      event.dataTransfer.setData('text/plain', task.id);
                      event.dataTransfer.effectAllowed = 'move';
                      setDragged(task.id);
                    }}
                    onDragEnd={() => {
                      setDragged(null);
                      setOver(null);
                    }}
                  />
                ))}
                {columns[status].length === 0 && (
                  <div className="lia-board-empty">{t('tasks.board.empty')}</div>
                )}
              </div>
            </section>
          ))}
        </div>
      </Card>
    </div>
  );
}
