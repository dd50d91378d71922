import type { ChannelKind, RetentionPolicy } from '@liaison/contracts';
import { MIN_RETENTION_DAYS } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { listRetentionPolicies, updateRetentionPolicy } from '../../api/retention.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';

/** 留存策略: days to keep each kind of conversation, never below two years. */
export function PoliciesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const policies = useQuery({ queryKey: queryKeys.retention.policies, queryFn: listRetentionPolicies });
  const [drafts, setDrafts] = useState<Partial<Record<ChannelKind, number>>>({});
  const save = useMutation({
    mutationFn: ({ kind, keepDays }: { kind: ChannelKind; keepDays: number }) =>
      updateRetentionPolicy(kind, keepDays),
    onSuccess: (data, { kind }) => {
      queryClient.setQueryData(queryKeys.retention.policies, data);
      setDrafts(({ [kind]: _, ...rest }) => rest);
      message.success(t('compliance.policies.saved'));
    },
    onError: (error) => showError(error),
  });

  const columns: TableColumnsType<RetentionPolicy> = [
    {
      key: 'kind',
      title: t('compliance.policies.kind'),
      render: (_, p) => t(`messaging.kinds.${p.channelKind}`),
    },
    {
      key: 'keepDays',
      title: t('compliance.policies.keepDays'),
      render: (_, p) => {
        const value = drafts[p.channelKind] ?? p.keepDays;
        return (
          <Space>
            <InputNumber
              min={MIN_RETENTION_DAYS}
              max={36_500}
              value={value}
              onChange={(next) => setDrafts((d) => ({ ...d, [p.channelKind]: next ?? MIN_RETENTION_DAYS }))}
            />
            <Typography.Text type="secondary">
              {t('compliance.policies.years', { years: (value / 365).toFixed(1) })}
            </Typography.Text>
            {drafts[p.channelKind] !== undefined && drafts[p.channelKind] !== p.keepDays && (
              <Button
                type="primary"
                size="small"
                loading={save.isPending}
                onClick={() => save.mutate({ kind: p.channelKind, keepDays: value })}
              >
                {t('common.save')}
              </Button>
            )}
          </Space>
        );
      },
    },
    {
      key: 'updatedAt',
      title: t('compliance.policies.updatedAt'),
      render: (_, p) => (p.updatedAt ? formatDateTime(p.updatedAt) : t('compliance.policies.never')),
    },
  ];

  return (
    <Card
      title={t('compliance.policies.title')}
      extra={
        <Typography.Text type="secondary">
          {t('compliance.policies.minHint', { days: MIN_RETENTION_DAYS })}
        </Typography.Text>
      }
    >
      <Table
        rowKey="channelKind"
        size="small"
        pagination={false}
        loading={policies.isLoading}
        columns={columns}
        dataSource={policies.data?.items ?? []}
        data-testid="retention-policies"
      />
    </Card>
  );
}
