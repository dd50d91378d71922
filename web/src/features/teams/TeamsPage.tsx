import { PlusOutlined } from '@ant-design/icons';
import { TEAM_KINDS, type Team, type TeamKind, type TeamListQuery } from '@liaison/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { deleteTeam, listTeams } from '../../api/teams.ts';
import { useApiError } from '../../app/errors.ts';
import { useCan } from '../../app/session.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TeamDrawer } from './TeamDrawer.tsx';
import { TeamFormModal, type TeamFormState } from './TeamFormModal.tsx';
import { teamColumns } from './teamColumns.tsx';

export default function TeamsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const allowed = useCan();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const canManage = allowed('team.manage');
  const [filters, setFilters] = useState<TeamListQuery>({});
  const [open, setOpen] = useState<{ id: string; name: string } | null>(null);
  const [form, setForm] = useState<TeamFormState>(null);

  const query = useQuery({
    queryKey: queryKeys.teams.list(filters),
    queryFn: () => listTeams(filters),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (team: Team) => deleteTeam(team.id),
    onSuccess: () => {
      message.success(t('common.deleted'));
      return queryClient.invalidateQueries({ queryKey: queryKeys.teams.all });
    },
    onError: (error) => showError(error),
  });

  const columns = useMemo(
    () =>
      teamColumns({
        t,
        canManage,
        onOpen: (team) => setOpen(team),
        onEdit: (team) => setForm({ mode: 'edit', team }),
        onDelete: (team) => remove.mutateAsync(team).catch(() => undefined),
      }),
    [t, canManage, remove.mutateAsync],
  );

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        subtitle={t('teams.subtitle')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setForm({ mode: 'create' })}
              data-testid="team-create"
            >
              {t('teams.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            style={{ width: 280 }}
            placeholder={t('teams.searchPlaceholder')}
            onSearch={(q) => setFilters((current) => ({ ...current, q: q.trim() || undefined }))}
            data-testid="teams-search"
          />
          <Select<TeamKind>
            allowClear
            style={{ width: 140 }}
            placeholder={t('teams.kind')}
            value={filters.kind}
            onChange={(kind) => setFilters((current) => ({ ...current, kind }))}
            options={TEAM_KINDS.map((kind) => ({
              value: kind,
              label: kind === 'team' ? t('teams.kindTeam') : t('teams.kindProject'),
            }))}
          />
          <DepartmentSelect
            style={{ width: 220 }}
            placeholder={t('teams.department')}
            value={filters.departmentId ?? null}
            onChange={(departmentId) =>
              setFilters((current) => ({ ...current, departmentId: departmentId ?? undefined }))
            }
          />
        </Flex>
        <Table<Team>
          data-testid="teams-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items}
          loading={query.isFetching}
          scroll={{ x: 1000 }}
          pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { count: total }) }}
        />
      </Card>
      <TeamDrawer team={open} onClose={() => setOpen(null)} />
      {canManage && (
        <TeamFormModal state={form} onClose={() => setForm(null)} onCreated={(team) => setOpen(team)} />
      )}
    </>
  );
}
