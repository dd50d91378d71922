import { PaperClipOutlined } from '@ant-design/icons';
import type { TaskDetail } from '@liaison/contracts';
import { Avatar, Empty, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { taskFileUrl } from '../../api/tasks.ts';
import { formatDateTime, fromNow } from '../../app/format.ts';
import { formatBytes } from '../../shared/timeline.ts';
import { TaskStatusTag } from './TaskTags.tsx';

/** 反馈回复: each progress report with its status change, next step and files, oldest first. */
export function TaskReplies({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  if (task.replies.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.detail.noReplies')} />;
  return (
    <div data-testid="task-replies">
      {task.replies.map((reply) => (
        <Flex key={reply.id} gap={12} className="lia-reply" data-testid="task-reply">
          <Avatar style={{ backgroundColor: '#1677ff', flex: 'none' }}>
            {reply.author.displayName.slice(0, 1)}
          </Avatar>
          <Flex vertical style={{ flex: 1, minWidth: 0 }}>
            <Space size={8} wrap>
              <Typography.Text strong>{reply.author.displayName}</Typography.Text>
              <Tooltip title={formatDateTime(reply.createdAt)}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fromNow(reply.createdAt)}
                </Typography.Text>
              </Tooltip>
              {reply.statusChange && (
                <span data-testid="reply-status-change">
                  <TaskStatusTag status={reply.statusChange.from} />→{' '}
                  <TaskStatusTag status={reply.statusChange.to} />
                </span>
              )}
            </Space>
            <div className="lia-reply-body">{reply.body}</div>
            {reply.nextStep && (
              <Typography.Text type="secondary">
                {t('tasks.detail.replyNextStep', { text: reply.nextStep })}
              </Typography.Text>
            )}
            {reply.files.length > 0 && (
              <Flex gap={8} wrap style={{ marginTop: 6 }}>
                {reply.files.map((file) => (
                  <Tag key={file.id} icon={<PaperClipOutlined />}>
                    <a href={taskFileUrl(task.id, file.id)} download={file.fileName}>
                      {file.fileName}
                    </a>{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatBytes(file.size)}
                    </Typography.Text>
                  </Tag>
                ))}
              </Flex>
            )}
          </Flex>
        </Flex>
      ))}
    </div>
  );
}
