import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import type { Role } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { deleteRole } from '../../api/roles.ts';
import { useApiError } from '../../app/errors.ts';
import { useCan } from '../../app/session.ts';
import { permissionName, roleDescription, roleName, scopeName } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRoles } from '../../shared/queries/roles.ts';
import { RoleEditorDrawer, type RoleEditorState } from './RoleEditorDrawer.tsx';

const SCOPE_COLORS = { all: 'red', department: 'orange', own: 'green' } as const;

export default function RolesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const allowed = useCan();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const canManage = allowed('role.manage');
  const roles = useRoles();
  const [editor, setEditor] = useState<RoleEditorState>(null);

  const remove = useMutation({
    mutationFn: (role: Role) => deleteRole(role.id),
    onSuccess: () => {
      message.success(t('common.deleted'));
      return queryClient.invalidateQueries({ queryKey: queryKeys.roles });
    },
    onError: (error) => showError(error),
  });

  const columns: TableColumnsType<Role> = [
    {
      title: t('roles.name'),
      key: 'name',
      render: (_: unknown, role) => (
        <Space orientation="vertical" size={0}>
          <Space size={4}>
            <Typography.Link onClick={() => setEditor({ mode: 'edit', role })}>
              {roleName(t, role)}
            </Typography.Link>
            {role.locked && (
              <Tooltip title={t('roles.lockedNotice')}>
                <LockOutlined style={{ color: '#faad14' }} />
              </Tooltip>
            )}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {roleDescription(t, role)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('roles.key'),
      dataIndex: 'key',
      width: 180,
      render: (key: string) => <Typography.Text code>{key}</Typography.Text>,
    },
    {
      title: t('roles.scope'),
      dataIndex: 'scope',
      width: 150,
      render: (_: unknown, role) => <Tag color={SCOPE_COLORS[role.scope]}>{scopeName(t, role.scope)}</Tag>,
    },
    {
      title: t('roles.permissions'),
      key: 'permissions',
      width: 130,
      render: (_: unknown, role) => (
        <Tooltip title={role.permissions.map((p) => permissionName(t, p)).join('、')}>
          <span>{t('roles.permissionCount', { count: role.permissions.length })}</span>
        </Tooltip>
      ),
    },
    { title: t('roles.userCount'), dataIndex: 'userCount', width: 100, align: 'right' },
    {
      title: '',
      key: 'type',
      width: 110,
      render: (_: unknown, role) =>
        role.locked ? (
          <Tag color="gold">{t('roles.locked')}</Tag>
        ) : role.builtIn ? (
          <Tag>{t('roles.builtIn')}</Tag>
        ) : (
          <Tag color="blue">{t('roles.custom')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_: unknown, role) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => setEditor({ mode: 'edit', role })}
            data-testid={`role-open-${role.key}`}
          >
            {canManage && !role.locked ? t('common.edit') : t('common.view')}
          </Button>
          {canManage &&
            (role.builtIn ? (
              <Tooltip title={t('roles.builtInCannotDelete')}>
                <Button type="link" size="small" danger disabled>
                  {t('common.delete')}
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm
                title={t('roles.confirmDelete', { name: roleName(t, role), count: role.userCount })}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutateAsync(role).catch(() => undefined)}
              >
                <Button type="link" size="small" danger>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ))}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        subtitle={t('roles.subtitle')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditor({ mode: 'create' })}
              data-testid="role-create"
            >
              {t('roles.create')}
            </Button>
          )
        }
      />
      <Card>
        <Table<Role>
          data-testid="roles-table"
          rowKey="id"
          columns={columns}
          dataSource={roles.data}
          loading={roles.isLoading}
          pagination={false}
          scroll={{ x: 900 }}
        />
      </Card>
      <RoleEditorDrawer state={editor} readOnly={!canManage} onClose={() => setEditor(null)} />
    </>
  );
}
