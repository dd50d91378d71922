import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { TASK_PRIORITIES, type TaskDetail, type TaskSource } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { createTask, updateTask } from '../../api/tasks.ts';
import { useApiError } from '../../app/errors.ts';
import { useCan, useMe } from '../../app/session.ts';
import { useAllTeams } from '../../shared/queries/tasks.ts';
import {
  emptyTaskForm,
  type TaskFormValues,
  toCreateRequest,
  toTaskForm,
  toUpdateRequest,
} from '../../shared/taskForm.ts';
import { taskNumber } from '../../shared/taskText.ts';
import { FormDrawer } from '../FormDrawer.tsx';
import { PeoplePicker } from '../PeoplePicker.tsx';

/** A new task made from something else (转为任务): prefilled text and where it came from. */
export interface TaskDraft {
  title?: string;
  description?: string;
  source?: TaskSource;
}

export type TaskDrawerState =
  | { mode: 'create'; draft?: TaskDraft }
  | { mode: 'edit'; task: TaskDetail }
  | null;

/**
 * 新建任务: to a person (oneself by default) or a team, with a due time, priority and checklist.
 * Editing shows the same fields; the checklist is then ticked and changed on the task's page.
 * A draft prefills the title and description and sends its source with the new task; `onCreated`
 * replaces the usual "created" message.
 */
export function TaskDrawer({
  state,
  onClose,
  onCreated,
}: {
  state: TaskDrawerState;
  onClose: () => void;
  onCreated?: (task: TaskDetail) => void;
}) {
  const open = state !== null;
  const editing = state?.mode === 'edit' ? state.task : null;
  const source = state?.mode === 'create' ? (state.draft?.source ?? null) : null;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const me = useMe();
  const allowed = useCan();
  const canAssign = allowed('task.assign');
  const [form] = Form.useForm<TaskFormValues>();
  const assignTo = Form.useWatch('assignTo', form) ?? 'person';
  const teams = useAllTeams(open && allowed('directory.read'));
  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  if (editing?.team && !teamOptions.some((option) => option.value === editing.team?.id))
    teamOptions.push({ value: editing.team.id, label: editing.team.name });

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    form.setFieldsValue(
      state.mode === 'edit'
        ? toTaskForm(state.task)
        : {
            ...emptyTaskForm(me.user.id),
            title: state.draft?.title ?? '',
            description: state.draft?.description ?? '',
          },
    );
  }, [state, form, me.user.id]);

  const create = useMutation({
    mutationFn: (values: TaskFormValues) =>
      editing
        ? updateTask(editing.id, toUpdateRequest(values))
        : createTask({ ...toCreateRequest(values), ...(source ? { source } : {}) }),
    onSuccess: (task) => {
      if (editing) {
        queryClient.setQueryData(queryKeys.tasks.detail(task.id), task);
        message.success(t('tasks.detail.saved'));
      } else if (onCreated) onCreated(task);
      else message.success(t('tasks.drawer.created', { number: taskNumber(task) }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.lists });
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={editing ? `${taskNumber(editing)} ${editing.title}` : t('tasks.drawer.title')}
      width={600}
      keepMounted
      testId="task-drawer"
      onSubmit={() => form.submit()}
      submitting={create.isPending}
      submitText={editing ? t('common.save') : t('common.create')}
      submitTestId="task-save"
    >
      <Form<TaskFormValues>
        form={form}
        layout="vertical"
        initialValues={emptyTaskForm(me.user.id)}
        onFinish={(values) => create.mutate(values)}
      >
        {source && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('tasks.drawer.fromMessage', { label: source.label ?? '' })}
            data-testid="task-drawer-source"
          />
        )}
        <Form.Item
          name="title"
          label={t('tasks.field.title')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input data-testid="task-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('tasks.field.description')} rules={[{ max: 10_000 }]}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            placeholder={t('tasks.drawer.descriptionPlaceholder')}
            data-testid="task-description"
          />
        </Form.Item>
        <Form.Item name="assignTo" label={t('tasks.drawer.assignTo')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            disabled={!canAssign}
            options={[
              { value: 'person', label: t('tasks.drawer.toPerson') },
              { value: 'team', label: t('tasks.drawer.toTeam') },
            ]}
          />
        </Form.Item>
        {assignTo === 'person' ? (
          <Form.Item
            name="assigneeId"
            label={t('tasks.field.assignee')}
            rules={[{ required: true, message: t('tasks.drawer.assigneeRequired') }]}
          >
            {canAssign ? (
              <PeoplePicker
                includeMe
                initialPeople={[editing?.assignee]}
                placeholder={t('tasks.drawer.assigneePlaceholder')}
                data-testid="task-assignee"
              />
            ) : (
              <Select disabled options={[{ value: me.user.id, label: me.user.displayName }]} />
            )}
          </Form.Item>
        ) : (
          <Form.Item
            name="teamId"
            label={t('tasks.field.team')}
            rules={[{ required: true, message: t('tasks.drawer.assigneeRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={teams.isLoading}
              placeholder={t('tasks.drawer.teamPlaceholder')}
              options={teamOptions}
              data-testid="task-team"
            />
          </Form.Item>
        )}
        <Form.Item name="collaboratorIds" label={t('tasks.field.collaborators')}>
          <PeoplePicker
            mode="multiple"
            includeMe
            initialPeople={editing?.collaborators}
            placeholder={t('tasks.drawer.collaboratorsPlaceholder')}
            data-testid="task-collaborators"
          />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="dueAt" label={t('tasks.field.dueAt')} style={{ flex: 1 }}>
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format="YYYY-MM-DD HH:mm"
              placeholder={t('tasks.drawer.duePlaceholder')}
              style={{ width: '100%' }}
              data-testid="task-due-input"
            />
          </Form.Item>
          <Form.Item name="priority" label={t('tasks.field.priority')} style={{ flex: 1 }}>
            <Radio.Group
              optionType="button"
              options={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priorities.${p}`) }))}
              data-testid="task-priority-input"
            />
          </Form.Item>
        </Flex>
        <Form.Item label={t('tasks.field.checklist')} hidden={editing !== null}>
          <Form.List name="checklist">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8}>
                    <Form.Item name={[field.name, 'text']} noStyle rules={[{ max: 200 }]}>
                      <Input placeholder={t('tasks.drawer.checklistPlaceholder')} maxLength={200} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                {fields.length < 50 && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '' })}>
                    {t('tasks.drawer.checklistAdd')}
                  </Button>
                )}
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="nextStep" label={t('tasks.field.nextStep')} rules={[{ max: 500 }]}>
          <Input placeholder={t('tasks.drawer.nextStepPlaceholder')} maxLength={500} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
