import type { Team, TeamDetail, TeamKind } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { createTeam, updateTeam } from '../../api/teams.ts';
import { useApiError } from '../../app/errors.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { UserPicker } from '../../components/UserPicker.tsx';

export type TeamFormState = { mode: 'create' } | { mode: 'edit'; team: Team } | null;

interface Values {
  name: string;
  kind: TeamKind;
  departmentId: string | null;
  ownerId: string | null;
  description?: string;
  memberIds?: string[];
}

export function TeamFormModal({
  state,
  onClose,
  onCreated,
}: {
  state: TeamFormState;
  onClose: () => void;
  onCreated: (team: TeamDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = state?.mode === 'edit' ? state.team : null;

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    if (state.mode === 'edit') {
      const team = state.team;
      form.setFieldsValue({
        name: team.name,
        kind: team.kind,
        departmentId: team.department?.id ?? null,
        ownerId: team.owner?.id ?? null,
        description: team.description ?? '',
      });
    }
  }, [state, form]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const common = {
        name: values.name.trim(),
        kind: values.kind,
        departmentId: values.departmentId ?? null,
        ownerId: values.ownerId ?? null,
        description: values.description?.trim() || null,
      };
      return editing
        ? updateTeam(editing.id, common)
        : createTeam({ ...common, memberIds: values.memberIds?.length ? values.memberIds : undefined });
    },
    onSuccess: (team) => {
      message.success(editing ? t('common.saved') : t('teams.created'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.teams.all });
      if (!editing) onCreated(team);
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Modal
      open={state !== null}
      title={editing ? `${t('teams.editTitle')} · ${editing.name}` : t('teams.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={editing ? t('common.save') : t('common.create')}
      confirmLoading={save.isPending}
      width={560}
      forceRender
      data-testid="team-form-modal"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'team', departmentId: null, ownerId: null }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item name="kind" label={t('teams.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'team', label: t('teams.kindTeam') },
              { value: 'project', label: t('teams.kindProject') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('teams.name')}
          extra={t('teams.nameHint')}
          rules={[{ required: true, whitespace: true, max: 64 }]}
        >
          <Input data-testid="team-name" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('teams.department')}>
          <DepartmentSelect />
        </Form.Item>
        <Form.Item name="ownerId" label={t('teams.owner')}>
          <UserPicker initialUsers={[editing?.owner]} />
        </Form.Item>
        {!editing && (
          <Form.Item name="memberIds" label={t('teams.initialMembers')}>
            <UserPicker mode="multiple" placeholder={t('teams.addMembersPlaceholder')} />
          </Form.Item>
        )}
        <Form.Item name="description" label={t('teams.description')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} showCount maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
