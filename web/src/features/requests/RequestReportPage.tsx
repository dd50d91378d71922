import type { RequestReportRow } from '@liaison/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Card, DatePicker, Empty, Flex, Progress, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { requestReport } from '../../api/requests.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDatePresets } from '../../shared/datePresets.ts';
import './requests.css';

/** Green from 90 %, orange from 70 %, red below. */
function rateColour(rate: number): string {
  if (rate >= 0.9) return '#52c41a';
  if (rate >= 0.7) return '#faad14';
  return '#ff4d4f';
}

function percentOf(rate: number): number {
  return Math.round(rate * 1000) / 10;
}

/** 响应及时率: per receiving department, how many requests came and how many were answered in time. */
export default function RequestReportPage() {
  const { t } = useTranslation();
  const presets = useDatePresets();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    dayjs().subtract(29, 'day').startOf('day'),
    dayjs().endOf('day'),
  ]);
  const from = range[0].startOf('day').toISOString();
  const to = range[1].endOf('day').toISOString();
  const query = useQuery({
    queryKey: queryKeys.requests.report(from, to),
    queryFn: () => requestReport(from, to),
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.rows ?? [];
  const rated = rows.filter((row) => row.onTimeRate !== null).sort((a, b) => b.onTimeRate! - a.onTimeRate!);

  const columns: TableColumnsType<RequestReportRow> = [
    { title: t('requests.report.department'), key: 'department', render: (_, r) => r.department.name },
    { title: t('requests.report.received'), dataIndex: 'received', width: 90, align: 'right' },
    { title: t('requests.report.responded'), dataIndex: 'responded', width: 90, align: 'right' },
    { title: t('requests.report.respondedInTime'), dataIndex: 'respondedInTime', width: 100, align: 'right' },
    {
      title: t('requests.report.overdueOpen'),
      dataIndex: 'overdueOpen',
      width: 120,
      align: 'right',
      render: (value: number) =>
        value > 0 ? <Typography.Text type="danger">{value}</Typography.Text> : value,
    },
    {
      title: t('requests.report.pending'),
      dataIndex: 'pending',
      width: 90,
      align: 'right',
      render: (value: number) => <Typography.Text type="secondary">{value}</Typography.Text>,
    },
    { title: t('requests.report.escalated'), dataIndex: 'escalated', width: 90, align: 'right' },
    {
      title: t('requests.report.onTimeRate'),
      key: 'rate',
      width: 200,
      sorter: (a, b) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1),
      render: (_, r) =>
        r.onTimeRate === null ? (
          <Typography.Text type="secondary">{t('requests.report.noRate')}</Typography.Text>
        ) : (
          <Progress
            percent={percentOf(r.onTimeRate)}
            size="small"
            strokeColor={rateColour(r.onTimeRate)}
            format={(percent) => `${percent}%`}
          />
        ),
    },
  ];

  return (
    <div data-testid="request-report-page">
      <PageHeader
        title={t('requests.report.title')}
        subtitle={t('requests.report.subtitle')}
        extra={
          <Flex align="center" gap={8}>
            <Typography.Text type="secondary">{t('requests.report.range')}</Typography.Text>
            <DatePicker.RangePicker
              value={range}
              presets={presets}
              allowClear={false}
              onChange={(value) => value?.[0] && value[1] && setRange([value[0], value[1]])}
            />
          </Flex>
        }
      />
      <Flex vertical gap={16}>
        {query.data && (
          <Typography.Text type="secondary">
            {t('requests.report.rule', { hours: query.data.firstResponseHours })}
          </Typography.Text>
        )}
        <Card title={t('requests.report.chart')} loading={query.isLoading}>
          {rated.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('requests.report.empty')} />
          ) : (
            <div data-testid="report-chart">
              {rated.map((row) => (
                <div key={row.department.id} className="lia-report-bar">
                  <Typography.Text ellipsis>{row.department.name}</Typography.Text>
                  <Progress
                    percent={percentOf(row.onTimeRate!)}
                    strokeColor={rateColour(row.onTimeRate!)}
                    format={(percent) => `${percent}%`}
                  />
                </div>
              ))}
            </div>
          )}
        </Card>
        <Card>
          <Table<RequestReportRow>
            data-testid="report-table"
            rowKey={(row) => row.department.id}
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={query.isFetching}
            pagination={false}
            locale={{ emptyText: t('requests.report.empty') }}
            // Narrow screens scroll the figures sideways rather than stacking each header letter.
            scroll={{ x: 'max-content' }}
          />
        </Card>
      </Flex>
    </div>
  );
}
