import { PaperClipOutlined } from '@ant-design/icons';
import { TASK_STATUSES, type TaskDetail, type TaskFile, type TaskStatus } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UploadFile } from 'antd';
import { App, Button, Flex, Input, Select, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { replyToTask, uploadTaskFile } from '../../api/tasks.ts';
import { errorText, useApiError } from '../../app/errors.ts';
import { formatBytes } from '../../shared/timeline.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../../shared/useUploads.ts';

/** 反馈: what was done, and optionally a new status, the next step and files (uploaded at once). */
export function TaskReplyBox({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [status, setStatus] = useState<TaskStatus | undefined>(undefined);
  const [nextStep, setNextStep] = useState('');
  const [files, setFiles] = useState<UploadFile<TaskFile>[]>([]);
  const uploading = files.some((file) => file.status === 'uploading');

  const reply = useMutation({
    mutationFn: () =>
      replyToTask(task.id, {
        body: body.trim(),
        ...(status ? { status } : {}),
        ...(nextStep.trim() ? { nextStep: nextStep.trim() } : {}),
        fileIds: files.flatMap((file) => (file.status === 'done' && file.response ? [file.response.id] : [])),
      }),
    onSuccess: () => {
      message.success(t('tasks.detail.replied'));
      setBody('');
      setStatus(undefined);
      setNextStep('');
      setFiles([]);
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.detail(task.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.lists });
    },
    onError: (error) => showError(error),
  });

  return (
    <Flex vertical gap={8} data-testid="task-reply-box">
      <Input.TextArea
        value={body}
        onChange={(event) => setBody(event.target.value)}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={5000}
        placeholder={t('tasks.detail.replyPlaceholder')}
        data-testid="task-reply-body"
      />
      <Flex gap={8} wrap>
        {task.can.changeStatus && (
          <Select<TaskStatus>
            allowClear
            style={{ width: 180 }}
            value={status}
            onChange={setStatus}
            placeholder={t('tasks.detail.replyStatusKeep')}
            prefix={`${t('tasks.detail.replyStatus')}：`}
            options={TASK_STATUSES.filter((s) => s !== task.status).map((s) => ({
              value: s,
              label: t(`tasks.statuses.${s}`),
            }))}
            data-testid="task-reply-status"
          />
        )}
        <Input
          style={{ flex: '1 1 240px' }}
          value={nextStep}
          maxLength={500}
          onChange={(event) => setNextStep(event.target.value)}
          placeholder={t('tasks.detail.replyNextStepPlaceholder')}
          data-testid="task-reply-next"
        />
      </Flex>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Upload<TaskFile>
          multiple
          fileList={files}
          maxCount={MAX_ATTACHMENTS}
          beforeUpload={(file) => {
            if (file.size <= MAX_ATTACHMENT_BYTES) return true;
            message.error(
              t('tasks.detail.tooLarge', { name: file.name, size: formatBytes(MAX_ATTACHMENT_BYTES) }),
            );
            return Upload.LIST_IGNORE;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            uploadTaskFile(task.id, file as File).then(
              (saved) => onSuccess?.(saved),
              (error: unknown) => {
                message.error(
                  `${t('tasks.detail.uploadFailed', { name: (file as File).name })} ${errorText(error)}`,
                );
                onError?.(error instanceof Error ? error : new Error(String(error)));
              },
            );
          }}
          onChange={({ fileList }) => setFiles(fileList)}
        >
          <Button icon={<PaperClipOutlined />} data-testid="task-reply-attach">
            {t('tasks.detail.attach')}
          </Button>
        </Upload>
        <Button
          type="primary"
          disabled={!body.trim() || uploading}
          loading={reply.isPending}
          onClick={() => reply.mutate()}
          data-testid="task-reply-submit"
        >
          {t('tasks.detail.replySubmit')}
        </Button>
      </Flex>
    </Flex>
  );
}
