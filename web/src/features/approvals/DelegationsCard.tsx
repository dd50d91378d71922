import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Delegation } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Modal, Popconfirm, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createDelegation, deleteDelegation, listDelegations } from '../../api/approvals.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { PeoplePicker } from '../../components/PeoplePicker.tsx';

interface DelegationValues {
  delegateId: string | null;
  period: [Dayjs, Dayjs] | null;
}

function DelegationState({ delegation, now }: { delegation: Delegation; now: number }) {
  const { t } = useTranslation();
  const starts = new Date(delegation.startsAt).getTime();
  const ends = new Date(delegation.endsAt).getTime();
  if (ends <= now) return <Tag>{t('approvals.delegations.ended')}</Tag>;
  if (starts > now) return <Tag color="blue">{t('approvals.delegations.upcoming')}</Tag>;
  return <Tag color="green">{t('approvals.delegations.active')}</Tag>;
}

/** 我的委托: while I am away, someone else decides my approvals (and it says so on each decision). */
export function DelegationsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<DelegationValues>();
  const query = useQuery({ queryKey: queryKeys.approvals.delegations, queryFn: listDelegations });
  const now = Date.now();

  const create = useMutation({
    mutationFn: (values: DelegationValues) =>
      createDelegation({
        delegateId: values.delegateId!,
        startsAt: values.period![0].second(0).millisecond(0).toISOString(),
        endsAt: values.period![1].second(0).millisecond(0).toISOString(),
      }),
    onSuccess: () => {
      message.success(t('approvals.delegations.created'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.approvals.delegations });
      setOpen(false);
    },
    onError: (error) => showError(error, form),
  });
  const remove = useMutation({
    mutationFn: deleteDelegation,
    onSuccess: () => {
      message.success(t('approvals.delegations.deleted'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.approvals.delegations });
    },
    onError: (error) => showError(error),
  });

  const items = query.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('approvals.delegations.title')}
      data-testid="delegations-card"
      extra={
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            setOpen(true);
          }}
          data-testid="delegation-create"
        >
          {t('approvals.delegations.create')}
        </Button>
      }
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('approvals.delegations.empty')} />
      ) : (
        <Flex vertical gap={10}>
          {items.map((d) => (
            <Flex key={d.id} justify="space-between" align="flex-start" gap={8} data-testid="delegation-item">
              <div style={{ minWidth: 0 }}>
                <Flex gap={6} align="center" wrap>
                  <Typography.Text strong>
                    {t('approvals.delegations.to', { name: d.to.displayName })}
                  </Typography.Text>
                  <DelegationState delegation={d} now={now} />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(d.startsAt)} – {formatDateTime(d.endsAt)}
                </Typography.Text>
              </div>
              <Popconfirm
                title={t('approvals.delegations.deleteConfirm')}
                onConfirm={() => remove.mutate(d.id)}
              >
                <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Popconfirm>
            </Flex>
          ))}
        </Flex>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
        {t('approvals.delegations.hint')}
      </Typography.Paragraph>
      <Modal
        open={open}
        title={t('approvals.delegations.create')}
        confirmLoading={create.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        forceRender
      >
        <Form<DelegationValues>
          form={form}
          layout="vertical"
          initialValues={{
            delegateId: null,
            period: [dayjs().startOf('hour'), dayjs().add(7, 'day').endOf('day')],
          }}
          onFinish={(values) => create.mutate(values)}
        >
          <Form.Item
            name="delegateId"
            label={t('approvals.delegations.delegate')}
            rules={[{ required: true, message: t('approvals.delegations.delegateRequired') }]}
          >
            <PeoplePicker
              placeholder={t('approvals.delegations.delegatePlaceholder')}
              data-testid="delegation-delegate"
            />
          </Form.Item>
          <Form.Item
            name="period"
            label={t('approvals.delegations.period')}
            rules={[{ required: true, message: t('approvals.delegations.periodRequired') }]}
          >
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
