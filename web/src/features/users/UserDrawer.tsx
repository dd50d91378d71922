import type { CreatedUser, User } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Descriptions, Flex, Form, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { createUser, updateUser } from '../../api/users.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { useCan } from '../../app/session.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { RoleTags, StatusTag } from '../../components/UserTags.tsx';
import { PersonalInfoPanel } from './PersonalInfoPanel.tsx';
import { SignInThrottlePanel } from './SignInThrottlePanel.tsx';
import {
  toCreateRequest,
  toFormValues,
  toUpdateRequest,
  UserForm,
  type UserFormValues,
} from './UserForm.tsx';

export type UserDrawerState = { mode: 'create' } | { mode: 'edit'; user: User } | null;

interface Props {
  state: UserDrawerState;
  onClose: () => void;
  onCreated: (created: CreatedUser) => void;
  onLiftThrottle: (user: { id: string; displayName: string }) => void;
}

export function UserDrawer({ state, onClose, onCreated, onLiftThrottle }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const allowed = useCan();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UserFormValues>();
  const canManage = allowed('user.manage');
  const user = state?.mode === 'edit' ? state.user : null;
  const creating = state?.mode === 'create';
  // The personal tab saves on its own; the drawer's buttons belong to the basic form only.
  const [tab, setTab] = useState('basic');

  useEffect(() => {
    if (!state) return;
    setTab('basic');
    form.resetFields();
    if (state.mode === 'edit') form.setFieldsValue(toFormValues(state.user));
  }, [state, form]);

  const save = useMutation({
    mutationFn: async (values: UserFormValues) => {
      if (user) return { updated: await updateUser(user.id, toUpdateRequest(values)) };
      return { created: await createUser(toCreateRequest(values)) };
    },
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.all });
      if (result.created) {
        message.success(t('users.created'));
        onCreated(result.created);
      } else {
        message.success(t('common.saved'));
      }
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  const basic = (
    <Flex vertical gap={16}>
      <UserForm
        form={form}
        creating={creating}
        readOnly={!canManage}
        onFinish={(values) => save.mutate(values)}
      />
      {user && (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'status', label: t('users.status'), children: <StatusTag status={user.status} /> },
            { key: 'roles', label: t('users.roles'), children: <RoleTags roles={user.roles} /> },
            { key: 'lastLoginAt', label: t('users.lastLoginAt'), children: formatDateTime(user.lastLoginAt) },
            { key: 'createdAt', label: t('users.createdAt'), children: formatDateTime(user.createdAt) },
            { key: 'updatedAt', label: t('users.updatedAt'), children: formatDateTime(user.updatedAt) },
          ]}
        />
      )}
      {user && canManage && (
        <SignInThrottlePanel userId={user.id} name={user.displayName} onLift={onLiftThrottle} />
      )}
    </Flex>
  );

  const title = creating ? t('users.createTitle') : canManage ? t('users.editTitle') : t('users.viewTitle');
  return (
    <FormDrawer
      open={state !== null}
      onClose={onClose}
      title={user ? `${title} · ${user.displayName}` : title}
      width={640}
      testId="user-drawer"
      footer={canManage && tab === 'basic'}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      submitText={creating ? t('common.create') : t('common.save')}
      submitTestId="user-save"
    >
      {user && allowed('user.personal.read') ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'basic', label: t('users.tabBasic'), children: basic, forceRender: true },
            {
              key: 'personal',
              label: t('users.tabPersonal'),
              children: <PersonalInfoPanel key={user.id} userId={user.id} editable={canManage} />,
            },
          ]}
        />
      ) : (
        basic
      )}
    </FormDrawer>
  );
}
