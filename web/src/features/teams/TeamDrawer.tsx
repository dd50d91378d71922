import { UserAddOutlined } from '@ant-design/icons';
import type { TeamDetail, TeamMember } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Avatar,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Popconfirm,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { addTeamMembers, getTeam, removeTeamMember } from '../../api/teams.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDate } from '../../app/format.ts';
import { useCan } from '../../app/session.ts';
import { UserPicker } from '../../components/UserPicker.tsx';
import { TeamKindTag } from './TeamKindTag.tsx';

function useMemberMutations(teamId: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const onSuccess = (team: TeamDetail, text: string) => {
    queryClient.setQueryData(queryKeys.teams.detail(teamId), team);
    void queryClient.invalidateQueries({ queryKey: ['teams', 'list'] });
    message.success(text);
  };
  return {
    add: useMutation({
      mutationFn: (userIds: string[]) => addTeamMembers(teamId, userIds),
      onSuccess: (team) => onSuccess(team, t('teams.membersAdded')),
      onError: (error) => showError(error),
    }),
    remove: useMutation({
      mutationFn: (userId: string) => removeTeamMember(teamId, userId),
      onSuccess: (team) => onSuccess(team, t('teams.memberRemoved')),
      onError: (error) => showError(error),
    }),
  };
}

function TeamDetailView({ teamId }: { teamId: string }) {
  const { t } = useTranslation();
  const allowed = useCan();
  const canManage = allowed('team.manage');
  const [adding, setAdding] = useState<string[]>([]);
  const { data: team, isLoading } = useQuery({
    queryKey: queryKeys.teams.detail(teamId),
    queryFn: () => getTeam(teamId),
  });
  const { add, remove } = useMemberMutations(teamId);

  if (isLoading || !team) return <Spin />;
  const memberIds = team.members.map((member) => member.user.id);

  return (
    <Flex vertical gap={24}>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'kind', label: t('teams.kind'), children: <TeamKindTag kind={team.kind} /> },
          { key: 'department', label: t('teams.department'), children: team.department?.name ?? '—' },
          { key: 'owner', label: t('teams.owner'), children: team.owner?.displayName ?? '—' },
          { key: 'description', label: t('teams.description'), children: team.description ?? '—' },
        ]}
      />
      <div>
        <Typography.Title level={5}>
          {t('teams.members')} <Tag>{t('teams.memberCountValue', { count: team.members.length })}</Tag>
        </Typography.Title>
        {canManage && (
          <Flex gap={8} style={{ marginBottom: 12 }}>
            <div style={{ flex: 1 }}>
              <UserPicker
                mode="multiple"
                value={adding}
                onChange={setAdding}
                excludeIds={memberIds}
                placeholder={t('teams.addMembersPlaceholder')}
                data-testid="team-add-members-picker"
              />
            </div>
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              disabled={adding.length === 0}
              loading={add.isPending}
              onClick={() => add.mutate(adding, { onSuccess: () => setAdding([]) })}
              data-testid="team-add-members"
            >
              {t('teams.addMembers')}
            </Button>
          </Flex>
        )}
        <Table<TeamMember>
          data-testid="team-members"
          rowKey={(member) => member.user.id}
          size="small"
          pagination={false}
          dataSource={team.members}
          locale={{ emptyText: t('teams.noMembers') }}
          columns={[
            {
              title: t('users.displayName'),
              key: 'name',
              render: (_: unknown, member) => (
                <Space>
                  <Avatar size="small" style={{ background: '#1677ff' }}>
                    {member.user.displayName.slice(0, 1)}
                  </Avatar>
                  {member.user.displayName}
                  {team.owner?.id === member.user.id && <Tag color="gold">{t('teams.owner')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('users.username'),
              key: 'username',
              render: (_: unknown, member) => member.user.username,
            },
            { title: t('teams.joinedAt'), dataIndex: 'joinedAt', render: formatDate },
            ...(canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, member: TeamMember) => (
                      <Popconfirm
                        title={t('teams.confirmRemove', { name: member.user.displayName })}
                        onConfirm={() => remove.mutateAsync(member.user.id).catch(() => undefined)}
                      >
                        <Button type="link" danger size="small">
                          {t('teams.removeMember')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
    </Flex>
  );
}

export function TeamDrawer({
  team,
  onClose,
}: {
  team: { id: string; name: string } | null;
  onClose: () => void;
}) {
  return (
    <Drawer
      open={team !== null}
      onClose={onClose}
      title={team?.name}
      size={560}
      destroyOnHidden
      data-testid="team-drawer"
    >
      {team && <TeamDetailView teamId={team.id} />}
    </Drawer>
  );
}
