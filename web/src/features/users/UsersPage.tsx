import { PlusOutlined } from '@ant-design/icons';
import type { User } from '@liaison/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { exportUsers, getUser, listUsers, type UserFilters } from '../../api/users.ts';
import { useCan } from '../../app/session.ts';
import { type ListColumn, ListPage } from '../../components/list/ListPage.tsx';
import type { FieldSpec } from '../../components/list/listQuery.ts';
import { useListState } from '../../components/list/useListState.ts';
import { type TemporaryPassword, TemporaryPasswordModal } from './TemporaryPasswordModal.tsx';
import { UserDrawer, type UserDrawerState } from './UserDrawer.tsx';
import { UserFilterBar } from './UserFilterBar.tsx';
import { UserRolesModal } from './UserRolesModal.tsx';
import { SORTABLE, type UserAction, userColumns } from './userColumns.tsx';
import { useUserActions } from './useUserActions.ts';

type Filters = Omit<UserFilters, 'sort' | 'order'>;
const FIELDS: FieldSpec<Filters> = {
  q: 'string',
  departmentId: 'string',
  includeSubDepartments: 'boolean',
  roleKey: 'string',
  status: 'string',
  kind: 'string',
};
const DEFAULTS = { filters: { includeSubDepartments: true } as Filters, sort: 'name', order: 'asc' as const };

export default function UsersPage() {
  const { t } = useTranslation();
  const allowed = useCan();
  const canManage = allowed('user.manage');
  const canAssignRoles = allowed('role.manage');

  const list = useListState(FIELDS, DEFAULTS);
  const filters: UserFilters = {
    ...list.filters,
    sort: list.sort as UserFilters['sort'],
    order: list.order,
  };
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
    // Only the link's own parameter goes: the list's filters stay in the URL.
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('user');
        return next;
      },
      { replace: true },
    );
  }, [linkedUser.data, setSearchParams]);

  const params = { ...filters, page: list.page, pageSize: list.pageSize };
  const query = useQuery({
    queryKey: queryKeys.users.list(params),
    queryFn: () => listUsers(params),
    placeholderData: keepPreviousData,
  });
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
  }).map(
    (column): ListColumn<User> => ({
      ...(column as ListColumn<User>),
      sortKey: SORTABLE[String(column.key)],
      card: column.key === 'displayName' ? 'title' : column.key === 'actions' ? 'actions' : undefined,
    }),
  );

  return (
    <ListPage
      title={t('users.title')}
      subtitle={t('users.subtitle')}
      actions={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer({ mode: 'create' })}
            data-testid="user-create"
          >
            {t('users.create')}
          </Button>
        )
      }
      onExport={() => exportUsers(filters)}
      exportTestId="users-export"
      filters={<UserFilterBar value={list.filters} onChange={list.setFilters} onReset={list.reset} />}
      state={list}
      columns={columns}
      rows={query.data?.items}
      total={query.data?.total ?? 0}
      loading={query.isFetching}
      rowKey="id"
      testId="users-table"
      scrollX={1300}
    >
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
    </ListPage>
  );
}
