import type { CreateLegalHoldRequest, LegalHold } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Form, Input, Modal, Radio, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { createLegalHold, listLegalHolds, releaseLegalHold } from '../../api/retention.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { ChannelIdSelect } from '../../components/ChannelIdSelect.tsx';
import { UserPicker } from '../../components/UserPicker.tsx';

/** 法律保全: a channel's or a person's records are kept, whatever the retention policy says. */
export function HoldsCard() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CreateLegalHoldRequest>();
  const targetType = Form.useWatch('targetType', form) ?? 'channel';
  const holds = useQuery({ queryKey: queryKeys.retention.holds, queryFn: listLegalHolds });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.retention.holds });

  const create = useMutation({
    mutationFn: createLegalHold,
    onSuccess: () => {
      message.success(t('compliance.holds.created'));
      setOpen(false);
      refresh();
    },
    onError: (error) => showError(error, form),
  });
  const release = useMutation({
    mutationFn: (hold: LegalHold) => releaseLegalHold(hold.id),
    onSuccess: () => {
      message.success(t('compliance.holds.releasedDone'));
      refresh();
    },
    onError: (error) => showError(error),
  });

  const columns: TableColumnsType<LegalHold> = [
    {
      key: 'target',
      title: t('compliance.holds.target'),
      render: (_, h) => (
        <span>
          <Tag>{t(`compliance.holds.targetTypes.${h.targetType}`)}</Tag>
          {h.targetName}
        </span>
      ),
    },
    { key: 'reason', title: t('compliance.holds.reason'), dataIndex: 'reason' },
    {
      key: 'createdBy',
      title: t('compliance.holds.createdBy'),
      render: (_, h) => h.createdBy?.displayName ?? '—',
    },
    {
      key: 'createdAt',
      title: t('compliance.holds.createdAt'),
      render: (_, h) => formatDateTime(h.createdAt),
    },
    {
      key: 'status',
      title: t('compliance.holds.status'),
      render: (_, h) =>
        h.releasedAt ? (
          <Tag>{t('compliance.holds.released')}</Tag>
        ) : (
          <Tag color="red">{t('compliance.holds.active')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, h) =>
        !h.releasedAt && (
          <Button
            size="small"
            type="link"
            onClick={() =>
              modal.confirm({
                title: t('compliance.holds.releaseConfirm', { name: h.targetName }),
                onOk: () => release.mutateAsync(h),
              })
            }
          >
            {t('compliance.holds.release')}
          </Button>
        ),
    },
  ];

  return (
    <Card
      title={t('compliance.holds.title')}
      extra={
        <Button
          type="primary"
          onClick={() => {
            form.resetFields();
            setOpen(true);
          }}
        >
          {t('compliance.holds.create')}
        </Button>
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={holds.isLoading}
        columns={columns}
        dataSource={holds.data?.items ?? []}
      />
      <Modal
        open={open}
        title={t('compliance.holds.create')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        forceRender
      >
        <Form<CreateLegalHoldRequest>
          form={form}
          layout="vertical"
          initialValues={{ targetType: 'channel' }}
          onFinish={(values) => create.mutate({ ...values, reason: values.reason.trim() })}
        >
          <Form.Item name="targetType" label={t('compliance.holds.targetType')}>
            <Radio.Group
              optionType="button"
              options={(['channel', 'user'] as const).map((value) => ({
                value,
                label: t(`compliance.holds.targetTypes.${value}`),
              }))}
              onChange={() => form.setFieldValue('targetId', undefined)}
            />
          </Form.Item>
          <Form.Item
            name="targetId"
            label={t('compliance.holds.target')}
            rules={[{ required: true }]}
            extra={targetType === 'channel' ? t('compliance.holds.channelHint') : undefined}
          >
            {targetType === 'channel' ? <ChannelIdSelect placeholder="" /> : <UserPicker />}
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('compliance.holds.reason')}
            rules={[{ required: true, whitespace: true, max: 500 }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 4 }}
              placeholder={t('compliance.holds.reasonPlaceholder')}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
