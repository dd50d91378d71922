import { LogoutOutlined } from '@ant-design/icons';
import type { SessionInfo } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { listSessions, logoutAll, revokeSession } from '../../api/auth.ts';
import { setCsrfToken } from '../../api/client.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { describeUserAgent, formatDateTime, fromNow } from '../../app/format.ts';
import { useTokenCount } from './useTokenCount.ts';

export function SessionsCard() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const tokenCount = useTokenCount();
  const sessions = useQuery({
    queryKey: queryKeys.sessions,
    queryFn: listSessions,
    select: (data) => data.items,
  });

  const signOutHere = () => {
    setCsrfToken(null);
    queryClient.clear();
    navigate('/login', { replace: true });
  };

  const revoke = useMutation({
    mutationFn: (session: SessionInfo) => revokeSession(session.id),
    onSuccess: (_result, session) => {
      if (session.current) return signOutHere();
      message.success(t('profile.sessionRevoked'));
      return queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
    },
    onError: (error) => showError(error),
  });
  const everywhere = useMutation({
    mutationFn: logoutAll,
    onSuccess: signOutHere,
    onError: (error) => showError(error),
  });

  return (
    <Flex vertical gap={16}>
      <Flex justify="flex-end">
        <Button
          danger
          icon={<LogoutOutlined />}
          loading={everywhere.isPending}
          data-testid="logout-all"
          onClick={() =>
            modal.confirm({
              title: t('profile.logoutAll'),
              // Say before confirming that the API tokens end too (scripts using them stop).
              content:
                tokenCount > 0
                  ? t('profile.confirmLogoutAllWithTokens', { count: tokenCount })
                  : t('profile.confirmLogoutAll'),
              okButtonProps: { danger: true },
              onOk: () => everywhere.mutateAsync().catch(() => undefined),
            })
          }
        >
          {t('profile.logoutAll')}
        </Button>
      </Flex>
      <Table<SessionInfo>
        data-testid="sessions-table"
        rowKey="id"
        size="middle"
        loading={sessions.isLoading}
        dataSource={sessions.data}
        pagination={false}
        scroll={{ x: 800 }}
        columns={[
          {
            title: t('profile.device'),
            key: 'device',
            render: (_: unknown, session) => (
              <Tooltip title={session.userAgent}>
                <span>
                  {describeUserAgent(session.userAgent) ?? t('profile.unknownDevice')}{' '}
                  {session.current && <Tag color="green">{t('profile.currentSession')}</Tag>}
                </span>
              </Tooltip>
            ),
          },
          { title: t('profile.ip'), dataIndex: 'ip', width: 150, render: (ip: string | null) => ip ?? '—' },
          { title: t('profile.signedInAt'), dataIndex: 'createdAt', width: 170, render: formatDateTime },
          {
            title: t('profile.lastSeenAt'),
            dataIndex: 'lastSeenAt',
            width: 140,
            render: (value: string) => <Tooltip title={formatDateTime(value)}>{fromNow(value)}</Tooltip>,
          },
          { title: t('profile.expiresAt'), dataIndex: 'expiresAt', width: 170, render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, session) => (
              <Popconfirm
                title={t('profile.confirmRevokeSession')}
                okButtonProps={{ danger: true }}
                onConfirm={() => revoke.mutateAsync(session).catch(() => undefined)}
              >
                <Button type="link" danger size="small">
                  {t('profile.revoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Flex>
  );
}
