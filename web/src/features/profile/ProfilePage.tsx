import { useQuery } from '@tanstack/react-query';
import { Avatar, Card, Descriptions, Flex, Spin, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { fetchProfile } from '../../api/profile.ts';
import { formatDateTime } from '../../app/format.ts';
import { useCan } from '../../app/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { KindTag, RoleTags } from '../../components/UserTags.tsx';
import { PasswordCard } from './PasswordCard.tsx';
import { PersonalCard } from './PersonalCard.tsx';
import { PreferencesCard } from './PreferencesCard.tsx';
import { SessionsCard } from './SessionsCard.tsx';
import { TokensCard } from './TokensCard.tsx';

export default function ProfilePage() {
  const { t } = useTranslation();
  const allowed = useCan();
  const [params, setParams] = useSearchParams();
  const profile = useQuery({ queryKey: queryKeys.profile, queryFn: fetchProfile });

  if (!profile.data) return <Spin />;
  const { user } = profile.data;

  const tabs = [
    { key: 'personal', label: t('profile.tabPersonal'), children: <PersonalCard profile={profile.data} /> },
    { key: 'preferences', label: t('profile.tabPreferences'), children: <PreferencesCard /> },
    { key: 'password', label: t('profile.tabPassword'), children: <PasswordCard /> },
    { key: 'sessions', label: t('profile.tabSessions'), children: <SessionsCard /> },
    ...(allowed('token.manage')
      ? [{ key: 'tokens', label: t('profile.tabTokens'), children: <TokensCard /> }]
      : []),
  ];
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? params.get('tab')! : 'personal';

  return (
    <div data-testid="profile">
      <PageHeader title={t('profile.title')} />
      <Flex vertical gap={16}>
        <Card>
          <Flex gap={24} align="flex-start" wrap>
            <Avatar size={72} style={{ background: '#1677ff', fontSize: 32, flex: 'none' }}>
              {user.displayName.slice(0, 1)}
            </Avatar>
            <div style={{ flex: 1, minWidth: 280 }}>
              <Typography.Title level={4} style={{ marginTop: 0 }}>
                {user.displayName} <KindTag kind={user.kind} />
              </Typography.Title>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2, xl: 3 }}
                items={[
                  { key: 'username', label: t('users.username'), children: user.username },
                  { key: 'department', label: t('users.department'), children: user.department?.name ?? '—' },
                  { key: 'title', label: t('users.jobTitle'), children: user.title ?? '—' },
                  { key: 'employeeNo', label: t('users.employeeNo'), children: user.employeeNo ?? '—' },
                  { key: 'email', label: t('users.email'), children: user.email ?? '—' },
                  {
                    key: 'lastLoginAt',
                    label: t('users.lastLoginAt'),
                    children: formatDateTime(user.lastLoginAt),
                  },
                  {
                    key: 'roles',
                    label: t('users.roles'),
                    span: 3,
                    children: <RoleTags roles={user.roles} />,
                  },
                ]}
              />
            </div>
          </Flex>
        </Card>
        <Card>
          <Tabs activeKey={active} onChange={(tab) => setParams({ tab }, { replace: true })} items={tabs} />
        </Card>
      </Flex>
    </div>
  );
}
