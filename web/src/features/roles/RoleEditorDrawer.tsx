import { DATA_SCOPES, type DataScope, type Permission, type Role } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Flex, Form, Input, Radio } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { createRole, updateRole } from '../../api/roles.ts';
import { useApiError } from '../../app/errors.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { roleDescription, roleName, scopeName } from '../../components/labels.ts';
import { PermissionChecklist } from './PermissionChecklist.tsx';

export type RoleEditorState = { mode: 'create' } | { mode: 'edit'; role: Role } | null;

interface Values {
  key: string;
  name: string;
  description?: string;
  scope: DataScope;
  permissions: Permission[];
}

export function RoleEditorDrawer({
  state,
  readOnly,
  onClose,
}: {
  state: RoleEditorState;
  readOnly: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const role = state?.mode === 'edit' ? state.role : null;
  const locked = readOnly || (role?.locked ?? false);

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    if (state.mode === 'edit') {
      const r = state.role;
      form.setFieldsValue({
        key: r.key,
        name: roleName(t, r),
        description: roleDescription(t, r) ?? '',
        scope: r.scope,
        permissions: r.permissions,
      });
    }
  }, [state, form, t]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const body = {
        name: values.name.trim(),
        description: values.description?.trim() || null,
        scope: values.scope,
        permissions: values.permissions,
      };
      if (!role) return createRole({ key: values.key.trim(), ...body });
      // A built-in role keeps its stored (Chinese) name unless the administrator actually changed it.
      const untouchedName = body.name === roleName(t, role);
      const untouchedDescription = body.description === (roleDescription(t, role) || null);
      return updateRole(role.id, {
        ...body,
        ...(untouchedName ? { name: undefined } : {}),
        ...(untouchedDescription ? { description: undefined } : {}),
      });
    },
    onSuccess: () => {
      message.success(role ? t('common.saved') : t('roles.created'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.roles });
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  const title = !role ? t('roles.createTitle') : locked ? t('roles.viewTitle') : t('roles.editTitle');
  return (
    <FormDrawer
      open={state !== null}
      onClose={onClose}
      title={role ? `${title} · ${roleName(t, role)}` : title}
      width={640}
      keepMounted
      testId="role-editor"
      footer={!locked}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      submitText={role ? t('common.save') : t('common.create')}
      submitTestId="role-save"
    >
      {role?.locked && (
        <Alert type="warning" showIcon title={t('roles.lockedNotice')} style={{ marginBottom: 16 }} />
      )}
      {role?.builtIn && !role.locked && !readOnly && (
        <Alert type="info" showIcon title={t('roles.builtInNotice')} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={locked}
        initialValues={{ scope: 'own', permissions: [] }}
        onFinish={(values) => save.mutate(values)}
      >
        <Flex gap={16}>
          <Form.Item
            name="key"
            label={t('roles.key')}
            style={{ flex: 1 }}
            extra={role ? undefined : t('roles.keyHint')}
            rules={[{ required: true }, { pattern: /^[a-z][a-z0-9_]{2,39}$/, message: t('roles.keyHint') }]}
          >
            <Input disabled={role !== null} data-testid="role-key" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('roles.name')}
            style={{ flex: 1 }}
            rules={[{ required: true, whitespace: true, max: 64 }]}
          >
            <Input data-testid="role-name" />
          </Form.Item>
        </Flex>
        <Form.Item name="description" label={t('roles.description')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="scope" label={t('roles.scope')} extra={t('roles.scopeHint')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={DATA_SCOPES.map((scope) => ({ value: scope, label: scopeName(t, scope) }))}
          />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionChecklist />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
