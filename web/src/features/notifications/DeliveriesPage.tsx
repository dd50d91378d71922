import { RedoOutlined } from '@ant-design/icons';
import { DELIVERY_STATUSES, type Delivery, type DeliveryStatus } from '@liaison/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Flex, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { type DeliveryFilters, listDeliveries, resendDelivery } from '../../api/notifications.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { serverPaging } from '../../components/pagination.ts';
import { WebhooksCard } from './WebhooksCard.tsx';

const STATUS_COLOUR: Record<DeliveryStatus, string> = {
  pending: 'default',
  sending: 'processing',
  sent: 'success',
  dead: 'error',
};

/** 通知投递 (notification.manage): the email and webhook outbox with its counts, and the robots. */
export default function DeliveriesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<DeliveryFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = useQuery({
    queryKey: queryKeys.notifications.deliveryList(filters, paging.page, paging.pageSize),
    queryFn: () => listDeliveries(filters, paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const resend = useMutation({
    mutationFn: (delivery: Delivery) => resendDelivery(delivery.id),
    onSuccess: () => {
      message.success(t('notifications.deliveries.resent'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.deliveries });
    },
    onError: (error) => showError(error),
  });
  const apply = (next: DeliveryFilters) => {
    setFilters(next);
    setPaging((current) => ({ ...current, page: 1 }));
  };

  const counts = query.data?.counts;
  const all = counts ? DELIVERY_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0) : undefined;
  const withCount = (label: string, count: number | undefined) =>
    count === undefined ? label : `${label} ${count}`;

  const columns: TableColumnsType<Delivery> = [
    {
      title: t('notifications.deliveries.createdAt'),
      dataIndex: 'createdAt',
      width: 140,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('notifications.deliveries.channel'),
      dataIndex: 'channel',
      width: 90,
      render: (_, d) => <Tag>{t(`notifications.deliveries.channels.${d.channel}`)}</Tag>,
    },
    {
      title: t('notifications.deliveries.kind'),
      key: 'kind',
      width: 130,
      render: (_, d) => (d.kind ? t(`notifications.kinds.${d.kind}`) : '—'),
    },
    { title: t('notifications.deliveries.target'), dataIndex: 'target', width: 160, ellipsis: true },
    { title: t('notifications.deliveries.subject'), dataIndex: 'subject', ellipsis: true },
    {
      title: t('notifications.deliveries.status'),
      key: 'status',
      width: 140,
      render: (_, d) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLOUR[d.status]} data-testid="delivery-status">
            {t(`notifications.deliveries.statuses.${d.status}`)}
          </Tag>
          {d.sentAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(d.sentAt)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('notifications.deliveries.attempts'),
      key: 'attempts',
      width: 170,
      render: (_, d) => (
        <Space orientation="vertical" size={0}>
          <span>
            {t('notifications.deliveries.attemptsValue', { attempts: d.attempts, max: d.maxAttempts })}
          </span>
          {d.nextAttemptAt && d.status === 'pending' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('notifications.deliveries.nextAttempt', { at: formatDateTime(d.nextAttemptAt) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('notifications.deliveries.lastError'),
      key: 'error',
      width: 180,
      render: (_, d) =>
        d.lastError ? (
          <Tooltip title={d.lastError}>
            <Typography.Text type="danger" ellipsis style={{ maxWidth: 180 }}>
              {d.lastError}
            </Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, d) =>
        d.status === 'dead' && (
          <Button
            type="link"
            size="small"
            icon={<RedoOutlined />}
            loading={resend.isPending && resend.variables?.id === d.id}
            onClick={() => resend.mutate(d)}
            data-testid="delivery-resend"
          >
            {t('notifications.deliveries.resend')}
          </Button>
        ),
    },
  ];

  return (
    <div data-testid="deliveries-page">
      <PageHeader
        title={t('notifications.deliveries.title')}
        subtitle={t('notifications.deliveries.subtitle')}
      />
      <Flex vertical gap={16}>
        <Card title={t('notifications.deliveries.queue')}>
          <Flex wrap gap={12} style={{ marginBottom: 16 }}>
            <Segmented<DeliveryStatus | 'all'>
              value={filters.status ?? 'all'}
              onChange={(status) => apply({ ...filters, status: status === 'all' ? undefined : status })}
              options={[
                { value: 'all', label: withCount(t('notifications.deliveries.allStatuses'), all) },
                ...DELIVERY_STATUSES.map((status) => ({
                  value: status,
                  label: withCount(t(`notifications.deliveries.statuses.${status}`), counts?.[status]),
                })),
              ]}
              data-testid="delivery-status-filter"
            />
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('notifications.deliveries.allChannels')}
              value={filters.channel}
              onChange={(channel) => apply({ ...filters, channel })}
              options={(['email', 'webhook'] as const).map((channel) => ({
                value: channel,
                label: t(`notifications.deliveries.channels.${channel}`),
              }))}
            />
          </Flex>
          <Table<Delivery>
            data-testid="deliveries-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={query.data?.items}
            loading={query.isFetching}
            scroll={{ x: 1200 }}
            {...serverPaging(paging, setPaging, query.data?.total ?? 0, t)}
          />
        </Card>
        <WebhooksCard />
      </Flex>
    </div>
  );
}
