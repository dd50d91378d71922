import { Card, Empty, Flex, Progress, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { lastMonths, monthLabel, percentOf, rateColour } from '../../shared/announcementText.ts';
import { useOnTimeReport } from '../../shared/queries/announcements.ts';
import { BarChart } from '../BarChart.tsx';

/**
 * 信息按时送达率 on the workbench: this month's rate against the target (95 %), and the last six
 * months as bars with the target line, from the on-time KPI report. The rate counts only people
 * who are settled (done, or past their deadline); those not yet due are shown apart.
 */
export function OnTimeCard() {
  const { t, i18n } = useTranslation();
  const range = useMemo(() => lastMonths(new Date(), 6), []);
  const query = useOnTimeReport({ from: range.from, to: range.to });
  const report = query.data;
  const byMonth = new Map((report?.months ?? []).map((m) => [m.month, m]));
  const current = byMonth.get(range.to);
  const target = report?.target ?? 0.95;

  return (
    <Card title={t('announcements.kpi.title')} data-testid="dashboard-on-time" style={{ height: '100%' }}>
      {query.isLoading ? (
        <Skeleton active />
      ) : !report ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('announcements.kpi.unavailable')} />
      ) : (
        <Flex gap={24} align="center" wrap>
          <Flex vertical align="center" gap={4} style={{ width: 140 }}>
            <Progress
              type="dashboard"
              size={120}
              percent={current?.rate === null || current?.rate === undefined ? 0 : percentOf(current.rate)}
              strokeColor={current?.rate != null ? rateColour(current.rate, target) : undefined}
              format={() =>
                current?.rate === null || current?.rate === undefined ? '—' : `${percentOf(current.rate)}%`
              }
              data-testid="on-time-current"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
              {t('announcements.kpi.thisMonth', { target: percentOf(target) })}
            </Typography.Text>
            {current && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('announcements.kpi.counts', {
                  onTime: current.onTime,
                  settled: current.onTime + current.late,
                })}
              </Typography.Text>
            )}
            {current && current.pending > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="on-time-pending">
                {t('announcements.kpi.pending', { count: current.pending })}
              </Typography.Text>
            )}
          </Flex>
          <div style={{ flex: '1 1 260px', minWidth: 240 }}>
            <BarChart
              data-testid="on-time-trend"
              title={t('announcements.kpi.title')}
              height={150}
              categories={range.months.map((month) => monthLabel(month, i18n.language))}
              series={[
                {
                  key: 'rate',
                  name: t('announcements.kpi.rate'),
                  colour: '#1677ff',
                  values: range.months.map((month) => byMonth.get(month)?.rate ?? null),
                },
              ]}
              target={{ value: target, label: t('announcements.kpi.target', { target: percentOf(target) }) }}
              format={(value) => `${percentOf(value)}%`}
            />
          </div>
        </Flex>
      )}
    </Card>
  );
}
