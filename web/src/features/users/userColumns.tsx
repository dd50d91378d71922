import { MoreOutlined } from '@ant-design/icons';
import type { User } from '@liaison/contracts';
import type { TableColumnsType } from 'antd';
import { Avatar, Button, Dropdown, Flex, Space, Tooltip, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import type { TFunction } from 'i18next';
import type { UserFilters } from '../../api/users.ts';
import { formatDateTime, fromNow } from '../../app/format.ts';
import { KindTag, RoleTags, StatusTag } from '../../components/UserTags.tsx';

export type UserAction = 'open' | 'roles' | 'reset' | 'unlock' | 'disable' | 'enable';

interface Options {
  t: TFunction;
  sort: UserFilters['sort'];
  order: UserFilters['order'];
  canManage: boolean;
  canAssignRoles: boolean;
  onAction: (action: UserAction, user: User) => void;
}

/** Column key → the server's sort field; only these columns sort. */
export const SORTABLE: Record<string, NonNullable<UserFilters['sort']>> = {
  displayName: 'name',
  username: 'username',
  lastLoginAt: 'lastLoginAt',
  createdAt: 'createdAt',
};

export function userColumns({
  t,
  sort,
  order,
  canManage,
  canAssignRoles,
  onAction,
}: Options): TableColumnsType<User> {
  const sortOrderOf = (key: string): SortOrder =>
    SORTABLE[key] === sort ? (order === 'desc' ? 'descend' : 'ascend') : null;
  return [
    {
      title: t('users.displayName'),
      key: 'displayName',
      dataIndex: 'displayName',
      sorter: true,
      sortOrder: sortOrderOf('displayName'),
      fixed: 'left',
      width: 180,
      render: (_: unknown, user) => (
        <Flex gap={8} align="center">
          <Avatar
            size="small"
            style={{ background: user.status === 'active' ? '#1677ff' : '#bfbfbf', flex: 'none' }}
          >
            {user.displayName.slice(0, 1)}
          </Avatar>
          <Typography.Link onClick={() => onAction('open', user)} data-testid="user-name-link">
            {user.displayName}
          </Typography.Link>
        </Flex>
      ),
    },
    {
      title: t('users.username'),
      key: 'username',
      dataIndex: 'username',
      sorter: true,
      sortOrder: sortOrderOf('username'),
      width: 140,
    },
    {
      title: t('users.department'),
      key: 'department',
      width: 160,
      ellipsis: true,
      render: (_: unknown, user) =>
        user.department?.name ?? (
          <Typography.Text type="secondary">{t('users.noDepartment')}</Typography.Text>
        ),
    },
    {
      title: t('users.jobTitle'),
      key: 'title',
      dataIndex: 'title',
      width: 140,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('users.roles'),
      key: 'roles',
      width: 220,
      render: (_: unknown, user) => <RoleTags roles={user.roles} />,
    },
    {
      title: t('users.kind'),
      key: 'kind',
      width: 100,
      render: (_: unknown, user) => <KindTag kind={user.kind} />,
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 90,
      render: (_: unknown, user) => <StatusTag status={user.status} />,
    },
    {
      title: t('users.lastLoginAt'),
      key: 'lastLoginAt',
      dataIndex: 'lastLoginAt',
      sorter: true,
      sortOrder: sortOrderOf('lastLoginAt'),
      width: 140,
      render: (value: string | null) =>
        value ? (
          <Tooltip title={formatDateTime(value)}>{fromNow(value)}</Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('users.neverLoggedIn')}</Typography.Text>
        ),
    },
    {
      title: t('users.createdAt'),
      key: 'createdAt',
      dataIndex: 'createdAt',
      sorter: true,
      sortOrder: sortOrderOf('createdAt'),
      width: 170,
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: canManage || canAssignRoles ? 190 : 80,
      render: (_: unknown, user) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onAction('open', user)}>
            {canManage ? t('common.edit') : t('common.view')}
          </Button>
          {canAssignRoles && (
            <Button
              type="link"
              size="small"
              onClick={() => onAction('roles', user)}
              data-testid="user-assign-roles"
            >
              {t('users.assignRoles')}
            </Button>
          )}
          {canManage && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'reset', label: t('users.resetPassword'), disabled: user.status !== 'active' },
                  { key: 'unlock', label: t('users.liftThrottle') },
                  user.status === 'active'
                    ? { key: 'disable', label: t('users.disable'), danger: true }
                    : { key: 'enable', label: t('users.enable') },
                ],
                onClick: ({ key }) => onAction(key as UserAction, user),
              }}
            >
              <Button
                type="text"
                size="small"
                icon={<MoreOutlined />}
                aria-label={t('common.more')}
                data-testid="user-more"
              />
            </Dropdown>
          )}
        </Space>
      ),
    },
  ];
}
