import type { User } from '@liaison/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Checkbox, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { listUsers } from '../../api/users.ts';
import { RoleTags, StatusTag } from '../../components/UserTags.tsx';

export function DepartmentMembers({
  departmentId,
  outsideScope,
}: {
  departmentId: string;
  outsideScope: boolean;
}) {
  const { t } = useTranslation();
  const [includeSub, setIncludeSub] = useState(false);
  const [page, setPage] = useState(1);
  const params = { departmentId, includeSubDepartments: includeSub, page, pageSize: 10 };
  const query = useQuery({
    queryKey: queryKeys.users.list(params),
    queryFn: () => listUsers(params),
    placeholderData: keepPreviousData,
  });

  return (
    <Card
      title={t('departments.members')}
      extra={
        <Checkbox
          checked={includeSub}
          onChange={(event) => {
            setIncludeSub(event.target.checked);
            setPage(1);
          }}
        >
          {t('departments.includeSubMembers')}
        </Checkbox>
      }
    >
      <Table<User>
        rowKey="id"
        size="small"
        loading={query.isFetching}
        dataSource={query.data?.items}
        locale={outsideScope ? { emptyText: t('departments.membersOutsideScope') } : undefined}
        pagination={{
          current: page,
          pageSize: 10,
          total: query.data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => t('common.total', { count: total }),
        }}
        columns={[
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.username'), dataIndex: 'username' },
          ...(includeSub
            ? [
                {
                  title: t('users.department'),
                  key: 'department',
                  render: (_: unknown, u: User) => u.department?.name,
                },
              ]
            : []),
          { title: t('users.jobTitle'), dataIndex: 'title', render: (v: string | null) => v ?? '—' },
          {
            title: t('users.roles'),
            key: 'roles',
            render: (_: unknown, u: User) => <RoleTags roles={u.roles} />,
          },
          {
            title: t('users.status'),
            key: 'status',
            render: (_: unknown, u: User) => <StatusTag status={u.status} />,
          },
        ]}
      />
    </Card>
  );
}
