import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import type { Webhook } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { deleteWebhook, listWebhooks, testWebhook } from '../../api/notifications.ts';
import { useApiError } from '../../app/errors.ts';
import { EditDeleteActions } from '../../components/EditDeleteActions.tsx';
import { WebhookDrawer, type WebhookDrawerState } from './WebhookDrawer.tsx';

/** Webhook 机器人: the robots notices are pushed to, with a test button each. */
export function WebhooksCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [drawer, setDrawer] = useState<WebhookDrawerState>(null);
  const query = useQuery({
    queryKey: queryKeys.notifications.webhooks,
    queryFn: listWebhooks,
    select: (data) => data.items,
  });

  const test = useMutation({
    mutationFn: (webhook: Webhook) => testWebhook(webhook.id),
    onSuccess: () => {
      message.success(t('notifications.webhooks.tested'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.deliveries });
    },
    onError: (error) => showError(error),
  });
  const remove = useMutation({
    mutationFn: (webhook: Webhook) => deleteWebhook(webhook.id),
    onSuccess: () => {
      message.success(t('common.deleted'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.webhooks });
    },
    onError: (error) => showError(error),
  });

  const columns: TableColumnsType<Webhook> = [
    {
      title: t('notifications.webhooks.name'),
      key: 'name',
      width: 220,
      render: (_, w) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setDrawer({ mode: 'edit', webhook: w })}>{w.name}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: w.url }}>
            {w.url}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('notifications.webhooks.format'),
      key: 'format',
      width: 120,
      render: (_, w) => (
        <Space size={4}>
          <Tag color="blue">{t(`notifications.webhooks.formats.${w.format}`)}</Tag>
          {w.signed && <Tag>{t('notifications.webhooks.signed')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('notifications.webhooks.kinds'),
      key: 'kinds',
      render: (_, w) =>
        w.kinds.length === 0 ? (
          <Typography.Text type="secondary">{t('notifications.webhooks.kindsAll')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {w.kinds.map((kind) => (
              <Tag key={kind}>{t(`notifications.kinds.${kind}`)}</Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t('notifications.webhooks.department'),
      key: 'department',
      width: 120,
      render: (_, w) =>
        w.departmentName ?? (
          <Typography.Text type="secondary">
            {t('notifications.webhooks.departmentPlaceholder')}
          </Typography.Text>
        ),
    },
    {
      title: t('notifications.deliveries.status'),
      key: 'enabled',
      width: 90,
      render: (_, w) =>
        w.enabled ? (
          <Tag color="green">{t('notifications.webhooks.enabled')}</Tag>
        ) : (
          <Tag>{t('notifications.webhooks.disabled')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, w) => (
        <EditDeleteActions
          onEdit={() => setDrawer({ mode: 'edit', webhook: w })}
          deleteConfirm={t('notifications.webhooks.deleteConfirm', { name: w.name })}
          onDelete={() => remove.mutateAsync(w)}
        >
          <Button
            type="link"
            size="small"
            icon={<SendOutlined />}
            loading={test.isPending && test.variables?.id === w.id}
            onClick={() => test.mutate(w)}
            data-testid="webhook-test"
          >
            {t('notifications.webhooks.test')}
          </Button>
        </EditDeleteActions>
      ),
    },
  ];

  return (
    <Card
      title={t('notifications.webhooks.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setDrawer({ mode: 'create' })}
          data-testid="webhook-create"
        >
          {t('notifications.webhooks.create')}
        </Button>
      }
      data-testid="webhooks-card"
    >
      <Typography.Paragraph type="secondary">{t('notifications.webhooks.subtitle')}</Typography.Paragraph>
      <Table<Webhook>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={query.data}
        loading={query.isLoading}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('notifications.webhooks.empty') }}
      />
      <WebhookDrawer state={drawer} onClose={() => setDrawer(null)} />
    </Card>
  );
}
