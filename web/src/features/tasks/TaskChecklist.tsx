import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { TaskDetail } from '@liaison/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Empty, Flex, Input, Progress, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { useUpdateTask } from '../../shared/queries/tasks.ts';
import { checklistProgress, toggleChecklist } from '../../shared/taskText.ts';

type ChecklistChange = { id?: string; text: string; done: boolean }[];

/** The checklist: ticked by whoever works on the task; items added or removed by whoever may edit it. */
export function TaskChecklist({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const update = useUpdateTask();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const canTick = task.can.edit || task.can.changeStatus;
  const progress = checklistProgress(task.checklist);

  const save = (checklist: ChecklistChange, onDone?: () => void) => {
    // Ticks and removals show at once (every item keeps its id); a new item waits for its id.
    const key = queryKeys.tasks.detail(task.id);
    const known = checklist.every((item) => item.id);
    if (known)
      queryClient.setQueryData<TaskDetail>(key, (data) =>
        data ? { ...data, checklist: checklist.map((item) => ({ ...item, id: item.id! })) } : data,
      );
    update.mutate(
      { id: task.id, change: { checklist } },
      {
        onSuccess: () => {
          onDone?.();
          message.success(t('tasks.detail.checklistSaved'));
        },
        onError: (error) => {
          if (known) void queryClient.invalidateQueries({ queryKey: key });
          showError(error);
        },
      },
    );
  };
  const current = (): ChecklistChange => task.checklist.map(({ id, text, done }) => ({ id, text, done }));
  const add = () => {
    const value = text.trim();
    if (!value) return;
    save([...current(), { text: value, done: false }], () => setText(''));
  };

  return (
    <Card
      title={t('tasks.field.checklist')}
      extra={
        progress.total > 0 && (
          <Typography.Text type="secondary" data-testid="checklist-progress">
            {t('tasks.detail.checklistProgress', progress)}
          </Typography.Text>
        )
      }
      data-testid="task-checklist"
    >
      {progress.total > 0 && (
        <Progress
          percent={Math.round((progress.done / progress.total) * 100)}
          size="small"
          style={{ marginBottom: 12 }}
        />
      )}
      {task.checklist.length === 0 && !task.can.edit && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.detail.checklistEmpty')} />
      )}
      <Flex vertical gap={8}>
        {task.checklist.map((item) => (
          <Flex key={item.id} justify="space-between" align="center" gap={8} data-testid="checklist-item">
            <Checkbox
              checked={item.done}
              disabled={!canTick || update.isPending}
              onChange={(event) => save(toggleChecklist(task.checklist, item.id, event.target.checked))}
            >
              <Typography.Text delete={item.done} type={item.done ? 'secondary' : undefined}>
                {item.text}
              </Typography.Text>
            </Checkbox>
            {task.can.edit && (
              <Button
                type="text"
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                disabled={update.isPending}
                onClick={() => save(current().filter((entry) => entry.id !== item.id))}
              />
            )}
          </Flex>
        ))}
        {task.can.edit && task.checklist.length < 50 && (
          <Flex gap={8}>
            <Input
              value={text}
              maxLength={200}
              onChange={(event) => setText(event.target.value)}
              onPressEnter={add}
              placeholder={t('tasks.drawer.checklistPlaceholder')}
              data-testid="checklist-new"
            />
            <Button icon={<PlusOutlined />} onClick={add} disabled={!text.trim()} loading={update.isPending}>
              {t('tasks.drawer.checklistAdd')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
