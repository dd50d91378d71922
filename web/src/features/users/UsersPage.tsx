import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type { User } from '@liaison/contracts';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { TableProps } from 'antd';
import { Button, Card, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { exportUsers, getUser, listUsers, type UserFilters } from '../../api/users.ts';
import { useApiError } from '../../app/errors.ts';
import { useCan } from '../../app/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type TemporaryPassword, TemporaryPasswordModal } from './TemporaryPasswordModal.tsx';
import { UserDrawer, type UserDrawerState } from './UserDrawer.tsx';
import { UserFilterBar } from './UserFilterBar.tsx';
import { UserRolesModal } from './UserRolesModal.tsx';
import { SORTABLE, type UserAction, userColumns } from './userColumns.tsx';
import { useUserActions } from './useUserActions.ts';

const DEFAULT_FILTERS: UserFilters = { sort: 'name', order: 'asc', includeSubDepartments: true };

export default function UsersPage() {
  const { t } = useTranslation();
  const allowed = useCan();
  const showError = useApiError();
  const canManage = allowed('user.manage');
  const canAssignRoles = allowed('role.manage');

  const [filters, setFilters] = useState<UserFilters>(DEFAULT_FILTERS);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [drawer, setDrawer] = useState<UserDrawerState>(null);
  const [rolesFor, setRolesFor] = useState<User | null>(null);
  const [temporary, setTemporary] = useState<TemporaryPassword | null>(null);
  const actions = useUserActions(setTemporary);

  // `?user=<id>` (the link in a security notice to administrators) opens that user's drawer.
  const [searchParams, setSearchParams] = useSearchParams();
  const linked = searchParams.get('user');
  const linkedUser = useQuery({
    queryKey: queryKeys.users.detail(linked ?? ''),
    queryFn: () => getUser(linked!),
    enabled: !!linked,
  });
  useEffect(() => {
    if (!linkedUser.data) return;
    setDrawer({ mode: 'edit', user: linkedUser.data });
    setSearchParams({}, { replace: true });
  }, [linkedUser.data, setSearchParams]);

  const params = { ...filters, ...paging };
  const query = useQuery({
    queryKey: queryKeys.users.list(params),
    queryFn: () => listUsers(params),
    placeholderData: keepPreviousData,
  });
  const download = useMutation({
    mutationFn: () => exportUsers(filters),
    onError: (error) => showError(error),
  });

  const applyFilters = (next: UserFilters) => {
    setFilters(next);
    setPaging((current) => ({ ...current, page: 1 }));
  };

  const onAction = (action: UserAction, user: User) => {
    if (action === 'open') setDrawer({ mode: 'edit', user });
    if (action === 'roles') setRolesFor(user);
    if (action === 'reset') actions.confirmReset(user);
    if (action === 'unlock') actions.confirmLift(user);
    if (action === 'disable') actions.confirmDisable(user);
    if (action === 'enable') actions.confirmEnable(user);
  };

  const columns = userColumns({
    t,
    sort: filters.sort,
    order: filters.order,
    canManage,
    canAssignRoles,
    onAction,
  });

  const onTableChange: TableProps<User>['onChange'] = (pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = single?.order ? SORTABLE[String(single.columnKey)] : undefined;
    setFilters((current) => ({
      ...current,
      sort: sort ?? 'name',
      order: sort && single?.order === 'descend' ? 'desc' : 'asc',
    }));
    setPaging({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 });
  };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              loading={download.isPending}
              onClick={() => download.mutate()}
              data-testid="users-export"
            >
              {t('common.export')}
            </Button>
            {canManage && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDrawer({ mode: 'create' })}
                data-testid="user-create"
              >
                {t('users.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <UserFilterBar
          value={filters}
          onChange={applyFilters}
          onReset={() => applyFilters(DEFAULT_FILTERS)}
        />
        <Table<User>
          data-testid="users-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items}
          loading={query.isFetching}
          onChange={onTableChange}
          scroll={{ x: 1300 }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { count: total }),
          }}
        />
      </Card>
      <UserDrawer
        state={drawer}
        onClose={() => setDrawer(null)}
        onLiftThrottle={actions.confirmLift}
        onCreated={(created) =>
          created.temporaryPassword &&
          setTemporary({ name: created.user.displayName, password: created.temporaryPassword })
        }
      />
      <UserRolesModal user={rolesFor} onClose={() => setRolesFor(null)} />
      <TemporaryPasswordModal value={temporary} onClose={() => setTemporary(null)} />
    </>
  );
}
