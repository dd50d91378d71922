import type { Team } from '@liaison/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Popconfirm, Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { formatDateTime } from '../../app/format.ts';
import { TeamKindTag } from './TeamKindTag.tsx';

interface Options {
  t: TFunction;
  canManage: boolean;
  onOpen: (team: Team) => void;
  onEdit: (team: Team) => void;
  onDelete: (team: Team) => Promise<unknown>;
}

export function teamColumns({ t, canManage, onOpen, onEdit, onDelete }: Options): TableColumnsType<Team> {
  return [
    {
      title: t('teams.name'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (name: string, team) => (
        <Typography.Link onClick={() => onOpen(team)} data-testid="team-name-link">
          {name}
        </Typography.Link>
      ),
    },
    {
      title: t('teams.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (_: unknown, team) => <TeamKindTag kind={team.kind} />,
    },
    {
      title: t('teams.department'),
      key: 'department',
      width: 160,
      render: (_: unknown, team) => team.department?.name ?? '—',
    },
    {
      title: t('teams.owner'),
      key: 'owner',
      width: 140,
      render: (_: unknown, team) => team.owner?.displayName ?? '—',
    },
    {
      title: t('teams.memberCount'),
      dataIndex: 'memberCount',
      width: 100,
      align: 'right',
      sorter: (a, b) => a.memberCount - b.memberCount,
    },
    {
      title: t('teams.description'),
      dataIndex: 'description',
      ellipsis: true,
      render: (value: string | null) => value ?? '—',
    },
    {
      title: t('teams.updatedAt'),
      dataIndex: 'updatedAt',
      width: 170,
      sorter: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: canManage ? 180 : 80,
      render: (_: unknown, team) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onOpen(team)}>
            {t('teams.members')}
          </Button>
          {canManage && (
            <>
              <Button type="link" size="small" onClick={() => onEdit(team)}>
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t('teams.confirmDelete', { name: team.name })}
                okButtonProps={{ danger: true }}
                onConfirm={() => onDelete(team)}
              >
                <Button type="link" size="small" danger>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];
}
