import { ArrowLeftOutlined } from '@ant-design/icons';
import type { DepartmentReadStats } from '@liaison/contracts';
import { useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Progress,
  Result,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { announcementStats } from '../../api/announcements.ts';
import { isApiError } from '../../api/client.ts';
import { queryKeys } from '../../api/keys.ts';
import { formatDateTime } from '../../app/format.ts';
import { BarChart } from '../../components/BarChart.tsx';
import { percentOf, rateColour, rateOf } from '../../shared/announcementText.ts';
import { useAnnouncement } from '../../shared/queries/announcements.ts';
import { CategoryTag } from './AnnouncementTags.tsx';
import { NotReadCard } from './NotReadCard.tsx';
import './announcements.css';

const READ_COLOUR = '#1677ff';
const ACK_COLOUR = '#52c41a';

function RateBar({
  part,
  whole,
  colour,
  testId,
}: {
  part: number;
  whole: number;
  colour: string;
  testId: string;
}) {
  const rate = rateOf(part, whole);
  return (
    <Flex align="center" gap={8} data-testid={testId} data-value={part}>
      <Progress
        percent={rate === null ? 0 : percentOf(rate)}
        size="small"
        strokeColor={colour}
        showInfo={false}
        style={{ flex: 1, margin: 0, minWidth: 60 }}
      />
      <Typography.Text style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
        {part} / {whole}
      </Typography.Text>
    </Flex>
  );
}

/** 阅读统计: how far an announcement got — totals, by department (table and chart), who is missing. */
export default function AnnouncementStatsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { announcementId } = useParams();
  const announcement = useAnnouncement(announcementId);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const query = useQuery({
    queryKey: queryKeys.announcements.stats(announcementId ?? ''),
    queryFn: () => announcementStats(announcementId!),
    enabled: !!announcementId,
    meta: { silent: true },
  });
  const stats = query.data;
  const a = announcement.data;

  if (query.isLoading || announcement.isLoading) return <Spin style={{ display: 'block', margin: 64 }} />;
  if (!stats || !a)
    return (
      <Card>
        <Result
          status={isApiError(query.error, 'forbidden') ? '403' : '404'}
          title={t('announcements.stats.unavailable')}
          extra={
            <Button onClick={() => navigate('/announcements/managed')}>{t('announcements.read.back')}</Button>
          }
        />
      </Card>
    );

  const totals = stats.totals;
  const departments = [...stats.departments].sort((x, y) => y.recipients - x.recipients);
  const named = departments.filter((d) => d.recipients > 0);
  const columns: TableColumnsType<DepartmentReadStats> = [
    {
      title: t('announcements.stats.department'),
      key: 'department',
      render: (_, d) =>
        d.department?.name ?? (
          <Typography.Text type="secondary">{t('announcements.stats.external')}</Typography.Text>
        ),
    },
    { title: t('announcements.stats.recipients'), dataIndex: 'recipients', width: 80, align: 'right' },
    {
      title: t('announcements.stats.read'),
      key: 'read',
      width: 200,
      render: (_, d) => (
        <RateBar part={d.read} whole={d.recipients} colour={READ_COLOUR} testId="dept-read" />
      ),
    },
    ...(a.requiresAck
      ? [
          {
            title: t('announcements.stats.acknowledged'),
            key: 'acknowledged',
            width: 200,
            render: (_: unknown, d: DepartmentReadStats) => (
              <RateBar part={d.acknowledged} whole={d.recipients} colour={ACK_COLOUR} testId="dept-acked" />
            ),
          },
        ]
      : []),
    {
      title: t('announcements.stats.overdue'),
      dataIndex: 'overdue',
      width: 80,
      align: 'right',
      render: (value: number) =>
        value > 0 ? <Typography.Text type="danger">{value}</Typography.Text> : value,
    },
    { title: t('announcements.stats.onTime'), dataIndex: 'onTime', width: 80, align: 'right' },
    { title: t('announcements.stats.late'), dataIndex: 'late', width: 80, align: 'right' },
    {
      title: t('announcements.stats.pending'),
      dataIndex: 'pending',
      width: 80,
      align: 'right',
      render: (value: number) => <Typography.Text type="secondary">{value}</Typography.Text>,
    },
  ];

  return (
    <div data-testid="announcement-stats-page">
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
        <Space align="start">
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('announcements.read.back')}
            onClick={() => navigate(`/announcements/${a.id}`)}
          />
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('announcements.stats.title')}
            </Typography.Title>
            <Space size={4} style={{ marginTop: 4 }} wrap>
              <CategoryTag category={a.category} />
              <Typography.Text data-testid="stats-announcement-title">{a.title}</Typography.Text>
              {stats.deadline && (
                <Typography.Text type="secondary">
                  · {t('announcements.read.ackDeadline', { at: formatDateTime(stats.deadline) })}
                </Typography.Text>
              )}
            </Space>
          </div>
        </Space>
      </Flex>
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={8} xl={a.requiresAck ? 5 : 6}>
            <Card>
              <Statistic
                title={t('announcements.stats.recipients')}
                value={totals.recipients}
                data-testid="stats-recipients"
              />
            </Card>
          </Col>
          <Col xs={12} md={8} xl={a.requiresAck ? 5 : 6}>
            <Card>
              <Statistic
                title={t('announcements.stats.read')}
                value={totals.read}
                suffix={`/ ${totals.recipients}`}
                data-testid="stats-read"
              />
            </Card>
          </Col>
          {a.requiresAck && (
            <Col xs={12} md={8} xl={5}>
              <Card>
                <Statistic
                  title={t('announcements.stats.acknowledged')}
                  value={totals.acknowledged}
                  suffix={`/ ${totals.recipients}`}
                  data-testid="stats-acknowledged"
                />
              </Card>
            </Col>
          )}
          <Col xs={12} md={8} xl={a.requiresAck ? 4 : 6}>
            <Card>
              <Statistic
                title={t('announcements.stats.overdue')}
                value={totals.overdue}
                styles={{ content: totals.overdue > 0 ? { color: '#ff4d4f' } : undefined }}
                data-testid="stats-overdue"
              />
            </Card>
          </Col>
          <Col xs={24} md={8} xl={a.requiresAck ? 5 : 6}>
            <Card>
              <Statistic
                title={t('announcements.stats.onTimeRate')}
                value={stats.onTimeRate === null ? '—' : percentOf(stats.onTimeRate)}
                suffix={stats.onTimeRate === null ? undefined : '%'}
                styles={{
                  content: stats.onTimeRate === null ? undefined : { color: rateColour(stats.onTimeRate) },
                }}
                data-testid="stats-on-time"
              />
              {totals.pending > 0 && (
                <Typography.Text
                  type="secondary"
                  style={{ fontSize: 12 }}
                  title={t('announcements.stats.pendingHint')}
                  data-testid="stats-pending"
                >
                  {t('announcements.kpi.pending', { count: totals.pending })}
                </Typography.Text>
              )}
            </Card>
          </Col>
        </Row>
        <Card title={t('announcements.stats.chart')}>
          {named.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('announcements.stats.noRecipients')} />
          ) : (
            <BarChart
              data-testid="stats-chart"
              title={t('announcements.stats.chart')}
              categories={named.map((d) => d.department?.name ?? t('announcements.stats.external'))}
              series={[
                {
                  key: 'read',
                  name: t('announcements.stats.readRate'),
                  colour: READ_COLOUR,
                  values: named.map((d) => rateOf(d.read, d.recipients)),
                },
                ...(a.requiresAck
                  ? [
                      {
                        key: 'acked',
                        name: t('announcements.stats.ackRate'),
                        colour: ACK_COLOUR,
                        values: named.map((d) => rateOf(d.acknowledged, d.recipients)),
                      },
                    ]
                  : []),
              ]}
              format={(value) => `${percentOf(value)}%`}
            />
          )}
        </Card>
        <Card title={t('announcements.stats.byDepartment')}>
          <Table<DepartmentReadStats>
            data-testid="stats-table"
            rowKey={(d) => d.department?.id ?? 'external'}
            size="middle"
            columns={columns}
            dataSource={departments}
            pagination={false}
            // Narrow screens scroll the figures sideways rather than stacking each header letter.
            scroll={{ x: 'max-content' }}
            onRow={(d) => ({
              onClick: () => setDepartmentId(d.department?.id ?? null),
              style: { cursor: 'pointer' },
            })}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t('announcements.stats.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {totals.recipients}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2}>
                  <RateBar
                    part={totals.read}
                    whole={totals.recipients}
                    colour={READ_COLOUR}
                    testId="total-read"
                  />
                </Table.Summary.Cell>
                {a.requiresAck && (
                  <Table.Summary.Cell index={3}>
                    <RateBar
                      part={totals.acknowledged}
                      whole={totals.recipients}
                      colour={ACK_COLOUR}
                      testId="total-acked"
                    />
                  </Table.Summary.Cell>
                )}
                <Table.Summary.Cell index={4} align="right">
                  {totals.overdue}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {totals.onTime}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {totals.late}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  <Typography.Text type="secondary">{totals.pending}</Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </Card>
        <NotReadCard
          announcementId={a.id}
          stats={stats}
          requiresAck={a.requiresAck}
          departmentId={departmentId}
          onDepartmentChange={setDepartmentId}
        />
      </Flex>
    </div>
  );
}
