import { ArrowLeftOutlined, EditOutlined, LinkOutlined } from '@ant-design/icons';
import { TASK_STATUSES, type TaskDetail, type TaskStatus } from '@liaison/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { TaskDrawer, type TaskDrawerState } from '../../components/tasks/TaskDrawer.tsx';
import { useTask, useUpdateTask } from '../../shared/queries/tasks.ts';
import { taskNumber } from '../../shared/taskText.ts';
import { TaskChecklist } from './TaskChecklist.tsx';
import { TaskReplies } from './TaskReplies.tsx';
import { TaskReplyBox } from './TaskReplyBox.tsx';
import { TaskDue, TaskOwner, TaskPriorityTag, TaskStatusTag } from './TaskTags.tsx';
import './tasks.css';

function SourceLink({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const source = task.source;
  if (!source) return <Typography.Text type="secondary">{t('tasks.detail.noSource')}</Typography.Text>;
  if (source.type === 'message' && source.channelId)
    return (
      <Link to={`/messages/${source.channelId}`} data-testid="task-source">
        <LinkOutlined /> {source.label ?? t('tasks.detail.sourceMessage')}
      </Link>
    );
  if (source.type === 'request')
    return (
      <Link to={`/requests/${source.id}`} data-testid="task-source">
        <LinkOutlined /> {source.label ?? source.id}
      </Link>
    );
  return <span>{t('tasks.detail.sourceOther', { label: source.label ?? source.type })}</span>;
}

/** One task: its header and facts, the checklist, the progress replies and a reply box. */
export default function TaskDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const navigate = useNavigate();
  const { taskId } = useParams();
  const query = useTask(taskId);
  const update = useUpdateTask();
  const [drawer, setDrawer] = useState<TaskDrawerState>(null);
  const task = query.data;

  if (query.isLoading) return <Spin style={{ display: 'block', margin: 64 }} />;
  if (!task)
    return (
      <Card>
        <Result
          status={isApiError(query.error, 'forbidden') ? '403' : '404'}
          title={t('tasks.detail.notFound')}
          extra={<Button onClick={() => navigate('/tasks')}>{t('tasks.detail.back')}</Button>}
        />
      </Card>
    );

  const changeStatus = (status: TaskStatus) =>
    update.mutate(
      { id: task.id, change: { status } },
      {
        onSuccess: () =>
          message.success(t('tasks.detail.statusChanged', { status: t(`tasks.statuses.${status}`) })),
        onError: (error) => showError(error),
      },
    );

  return (
    <div data-testid="task-detail">
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
        <Space align="start">
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('tasks.detail.back')}
            onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/tasks'))}
          />
          <div>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="task-detail-title">
              <Typography.Text type="secondary" style={{ fontSize: 'inherit', fontWeight: 400 }}>
                {taskNumber(task)}
              </Typography.Text>{' '}
              {task.title}
            </Typography.Title>
            <Space size={4} style={{ marginTop: 6 }} wrap>
              <TaskStatusTag status={task.status} />
              <TaskPriorityTag priority={task.priority} />
              {task.dueAt && (
                <span>
                  <Typography.Text type="secondary">{t('tasks.detail.dueLabel')}</Typography.Text>
                  <TaskDue task={task} />
                </span>
              )}
            </Space>
          </div>
        </Space>
        <Space>
          {task.can.changeStatus && (
            <Select<TaskStatus>
              style={{ width: 140 }}
              value={task.status}
              loading={update.isPending}
              onChange={changeStatus}
              options={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.statuses.${s}`) }))}
              data-testid="task-status-select"
            />
          )}
          {task.can.edit && (
            <Button
              icon={<EditOutlined />}
              onClick={() => setDrawer({ mode: 'edit', task })}
              data-testid="task-edit"
            >
              {t('tasks.detail.edit')}
            </Button>
          )}
        </Space>
      </Flex>
      {!task.can.edit && !task.can.reply && !task.can.changeStatus && (
        <Alert type="info" showIcon title={t('tasks.detail.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card title={t('tasks.field.description')}>
              {task.description ? (
                <div className="lia-task-description">{task.description}</div>
              ) : (
                <Typography.Text type="secondary">{t('tasks.detail.noDescription')}</Typography.Text>
              )}
            </Card>
            <TaskChecklist task={task} />
            <Card
              title={`${t('tasks.detail.replies')}${task.replies.length ? ` · ${task.replies.length}` : ''}`}
              data-testid="task-replies-card"
            >
              <TaskReplies task={task} />
              {task.can.reply && (
                <div style={{ marginTop: 16 }}>
                  <TaskReplyBox task={task} />
                </div>
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Card>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'owner', label: t('tasks.field.assigneeOrTeam'), children: <TaskOwner task={task} /> },
                {
                  key: 'collaborators',
                  label: t('tasks.field.collaborators'),
                  children: task.collaborators.length
                    ? task.collaborators.map((user) => user.displayName).join('、')
                    : '—',
                },
                { key: 'creator', label: t('tasks.field.creator'), children: task.creator.displayName },
                {
                  key: 'department',
                  label: t('tasks.field.department'),
                  children: task.department?.name ?? '—',
                },
                { key: 'due', label: t('tasks.field.dueAt'), children: <TaskDue task={task} /> },
                {
                  key: 'nextStep',
                  label: t('tasks.field.nextStep'),
                  children: task.nextStep ?? (
                    <Typography.Text type="secondary">{t('tasks.detail.nextStepNone')}</Typography.Text>
                  ),
                },
                { key: 'source', label: t('tasks.field.source'), children: <SourceLink task={task} /> },
                {
                  key: 'created',
                  label: t('tasks.field.createdAt'),
                  children: formatDateTime(task.createdAt),
                },
                {
                  key: 'updated',
                  label: t('tasks.field.updatedAt'),
                  children: formatDateTime(task.updatedAt),
                },
                ...(task.completedAt
                  ? [
                      {
                        key: 'completed',
                        label: t('tasks.field.completedAt'),
                        children: formatDateTime(task.completedAt),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
      </Row>
      <TaskDrawer state={drawer} onClose={() => setDrawer(null)} />
    </div>
  );
}
