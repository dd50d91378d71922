import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Spin, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listAudit } from '../../api/audit.ts';
import { queryKeys } from '../../api/keys.ts';
import { formatDateTime, fromNow } from '../../app/format.ts';
import { actionColor, targetName } from '../../components/auditView.tsx';
import { actionName } from '../../components/labels.ts';

const DOT_COLORS: Record<string, string> = { red: 'red', green: 'green', orange: 'orange', purple: 'purple' };

export function LatestAuditCard() {
  const { t } = useTranslation();
  const { data, isLoading } = useQuery({
    queryKey: queryKeys.audit.latest,
    queryFn: () => listAudit({}, undefined, 8),
  });
  const entries = data?.items ?? [];
  return (
    <Card
      title={t('dashboard.latestAudit')}
      extra={<Link to="/org/audit">{t('dashboard.viewAll')}</Link>}
      data-testid="dashboard-audit"
    >
      {isLoading ? (
        <Spin />
      ) : entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noAudit')} />
      ) : (
        <Timeline
          items={entries.map((entry) => {
            const color = actionColor(entry.action);
            const target = targetName(entry.summary);
            return {
              key: entry.id,
              color: DOT_COLORS[color] ?? 'blue',
              content: (
                <Flex justify="space-between" gap={12}>
                  <span>
                    <Typography.Text strong>{entry.actor.name ?? entry.actor.label}</Typography.Text>{' '}
                    <Tag color={color}>{actionName(t, entry.action)}</Tag>
                    {target && <Typography.Text type="secondary">{target}</Typography.Text>}
                  </span>
                  <Tooltip title={formatDateTime(entry.at)}>
                    <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                      {fromNow(entry.at)}
                    </Typography.Text>
                  </Tooltip>
                </Flex>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
