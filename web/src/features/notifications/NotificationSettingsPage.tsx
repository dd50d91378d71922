import {
  EMAIL_MODES,
  type EmailMode,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreference,
} from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Card, Flex, Radio, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { getPreferences, updatePreferences } from '../../api/notifications.ts';
import { useApiError } from '../../app/errors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { kindGroup } from './notificationText.ts';

/** 通知设置: for each kind of notice, whether the bell shows it and how it is emailed. */
export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: queryKeys.notifications.preferences, queryFn: getPreferences });
  const [items, setItems] = useState<NotificationPreference[]>([]);

  useEffect(() => {
    if (query.data) setItems(query.data.items);
  }, [query.data]);

  // Kinds in the contract's order, whatever order the server answers in.
  const rows = useMemo(() => {
    const byKind = new Map(items.map((item) => [item.kind, item]));
    return NOTIFICATION_KINDS.flatMap((kind) => {
      const item = byKind.get(kind);
      return item ? [item] : [];
    });
  }, [items]);
  const dirty = JSON.stringify(items) !== JSON.stringify(query.data?.items ?? []);

  const save = useMutation({
    mutationFn: () => updatePreferences({ items }),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.notifications.preferences, saved);
      message.success(t('common.saved'));
    },
    onError: (error) => showError(error),
  });

  const change = (kind: NotificationKind, patch: Partial<NotificationPreference>) =>
    setItems((list) => list.map((item) => (item.kind === kind ? { ...item, ...patch } : item)));

  const emailEnabled = query.data?.emailEnabled ?? false;
  const columns: TableColumnsType<NotificationPreference> = [
    {
      title: t('notifications.settings.kind'),
      key: 'kind',
      render: (_, item) => (
        <Flex gap={8} align="center">
          <Tag>{t(`notifications.settings.groups.${kindGroup(item.kind)}`)}</Tag>
          <span>{t(`notifications.kinds.${item.kind}`)}</span>
        </Flex>
      ),
    },
    {
      title: t('notifications.settings.inApp'),
      key: 'inApp',
      width: 140,
      render: (_, item) => (
        <Switch
          checked={item.inApp}
          onChange={(inApp) => change(item.kind, { inApp })}
          data-testid={`pref-inapp-${item.kind}`}
        />
      ),
    },
    {
      title: t('notifications.settings.email'),
      key: 'email',
      width: 300,
      render: (_, item) => (
        <Radio.Group
          optionType="button"
          size="small"
          value={item.email}
          disabled={!emailEnabled}
          onChange={(event) => change(item.kind, { email: event.target.value as EmailMode })}
          options={EMAIL_MODES.map((mode) => ({
            value: mode,
            label: t(`notifications.settings.emailModes.${mode}`),
          }))}
        />
      ),
    },
  ];

  return (
    <div data-testid="notification-settings-page">
      <PageHeader
        title={t('notifications.settings.title')}
        subtitle={t('notifications.settings.subtitle')}
        extra={
          <Button
            type="primary"
            disabled={!dirty}
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid="notification-settings-save"
          >
            {t('common.save')}
          </Button>
        }
      />
      <Card>
        {query.data && !emailEnabled && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('notifications.settings.emailDisabled')}
            data-testid="email-disabled-note"
          />
        )}
        {query.data && emailEnabled && query.data.email === null && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('notifications.settings.noEmail')}
          />
        )}
        {query.data && emailEnabled && query.data.email && (
          <Typography.Paragraph type="secondary">
            {t('notifications.settings.emailTo', { email: query.data.email, time: query.data.digestTime })}
          </Typography.Paragraph>
        )}
        <Table<NotificationPreference>
          rowKey="kind"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={query.isLoading}
          pagination={false}
        />
      </Card>
    </div>
  );
}
