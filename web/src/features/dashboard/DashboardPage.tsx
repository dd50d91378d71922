import { ApartmentOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row, Space, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { listTeams } from '../../api/teams.ts';
import { listUsers } from '../../api/users.ts';
import { MENU_ICONS } from '../../app/menuIcons.tsx';
import {
  MESSAGING_ITEMS,
  ORGANISATION_ITEMS,
  PUBLISHING_ITEMS,
  UPCOMING_MODULES,
  WORK_ITEMS,
} from '../../app/navigation.ts';
import { useCan, useMe } from '../../app/session.ts';
import { OnTimeCard } from '../../components/announcements/OnTimeCard.tsx';
import { roleName } from '../../components/labels.ts';
import { useDepartments } from '../../shared/queries/departments.ts';
import { LatestAuditCard } from './LatestAuditCard.tsx';

type Period = 'morning' | 'forenoon' | 'noon' | 'afternoon' | 'evening';

function periodOf(hour: number): Period {
  if (hour < 9) return 'morning';
  if (hour < 11) return 'forenoon';
  if (hour < 13) return 'noon';
  if (hour < 18) return 'afternoon';
  return 'evening';
}

function StatCard({
  title,
  value,
  icon,
  to,
  loading,
}: {
  title: string;
  value: number | undefined;
  icon: ReactNode;
  to: string;
  loading: boolean;
}) {
  return (
    <Link to={to}>
      <Card hoverable>
        <Statistic title={title} value={value ?? 0} prefix={icon} loading={loading} />
      </Card>
    </Link>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = useCan();
  const canUsers = allowed('user.read');
  const canDirectory = allowed('directory.read');

  const users = useQuery({
    queryKey: queryKeys.users.list({ page: 1, pageSize: 1 }),
    queryFn: () => listUsers({ page: 1, pageSize: 1 }),
    enabled: canUsers,
  });
  const departments = useDepartments();
  const teams = useQuery({
    queryKey: queryKeys.teams.list({}),
    queryFn: () => listTeams(),
    enabled: canDirectory,
  });

  const shortcuts = [...MESSAGING_ITEMS, ...PUBLISHING_ITEMS, ...WORK_ITEMS, ...ORGANISATION_ITEMS].filter(
    (item) => item.permission === null || allowed(item.permission),
  );

  return (
    <Flex vertical gap={16} data-testid="dashboard">
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="dashboard-greeting">
          {t('dashboard.greeting', {
            period: t(`dashboard.${periodOf(dayjs().hour())}`),
            name: me.user.displayName,
          })}
        </Typography.Title>
        <Space wrap size={[8, 8]}>
          <Typography.Text type="secondary">
            {me.user.department?.name ?? t('dashboard.noDepartment')}
            {me.user.title ? ` · ${me.user.title}` : ''}
          </Typography.Text>
          {me.user.roles.map((role) => (
            <Tag key={role.id} color="blue">
              {roleName(t, role)}
            </Tag>
          ))}
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('dashboard.today', { date: dayjs().format('LL dddd') })}
        </Typography.Paragraph>
      </Card>

      <Row gutter={[16, 16]}>
        {canUsers && (
          <Col xs={24} sm={12} lg={8}>
            <StatCard
              title={t(me.grants['user.read'] === 'all' ? 'dashboard.activeUsers' : 'dashboard.visibleUsers')}
              value={users.data?.total}
              icon={<UserOutlined />}
              to="/org/users"
              loading={users.isLoading}
            />
          </Col>
        )}
        {canDirectory && (
          <>
            <Col xs={24} sm={12} lg={8}>
              <StatCard
                title={t('dashboard.departments')}
                value={departments.departments.length}
                icon={<ApartmentOutlined />}
                to="/org/departments"
                loading={departments.isLoading}
              />
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <StatCard
                title={t('dashboard.teams')}
                value={teams.data?.items.length}
                icon={<TeamOutlined />}
                to="/org/teams"
                loading={teams.isLoading}
              />
            </Col>
          </>
        )}
      </Row>

      {allowed('announcement.stats') && <OnTimeCard />}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={allowed('audit.read') ? 10 : 24}>
          <Card title={t('dashboard.quickLinks')}>
            <Flex vertical gap={16}>
              {shortcuts.length > 0 && (
                <Flex wrap gap={12}>
                  {shortcuts.map((item) => (
                    <Link key={item.key} to={item.path}>
                      <Card size="small" hoverable style={{ width: 120, textAlign: 'center' }}>
                        <div style={{ fontSize: 24, color: '#1677ff' }}>{MENU_ICONS[item.key]}</div>
                        <div>{t(`menu.${item.key}`)}</div>
                      </Card>
                    </Link>
                  ))}
                </Flex>
              )}
              <div>
                <Typography.Text type="secondary">{t('dashboard.comingSoon')}</Typography.Text>
                <Flex wrap gap={8} style={{ marginTop: 8 }}>
                  {UPCOMING_MODULES.map((item) => (
                    <Link key={item.key} to={item.path}>
                      <Tag icon={MENU_ICONS[item.key]} style={{ padding: '2px 8px', cursor: 'pointer' }}>
                        {t(`menu.${item.key}`)}
                      </Tag>
                    </Link>
                  ))}
                </Flex>
              </div>
            </Flex>
          </Card>
        </Col>
        {allowed('audit.read') && (
          <Col xs={24} lg={14}>
            <LatestAuditCard />
          </Col>
        )}
      </Row>
    </Flex>
  );
}
