import { DownloadOutlined } from '@ant-design/icons';
import type { MessageArchive } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, DatePicker, Flex, Form, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { downloadArchive, listArchives, requestArchive } from '../../api/retention.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { ChannelIdSelect } from '../../components/ChannelIdSelect.tsx';
import { formatBytes } from '../../shared/timeline.ts';

/** 月度归档: a month of one channel as a file; generated in the background, then downloadable. */
export function ArchivesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [channelId, setChannelId] = useState<string | undefined>();
  const [form] = Form.useForm<{ channelId: string; month: Dayjs }>();
  const query = { channelId };
  const archives = useQuery({
    queryKey: queryKeys.retention.archives(query),
    queryFn: () => listArchives(query),
  });
  const known = useMemo(() => (archives.data?.items ?? []).map((a) => a.channel), [archives.data]);

  const create = useMutation({
    mutationFn: (values: { channelId: string; month: Dayjs }) =>
      requestArchive(values.channelId, values.month.format('YYYY-MM')),
    onSuccess: () => {
      message.success(t('compliance.archives.queued'));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['retention', 'archives'] });
    },
    onError: (error) => showError(error, form),
  });
  const download = useMutation({ mutationFn: downloadArchive, onError: (error) => showError(error) });

  const columns: TableColumnsType<MessageArchive> = [
    { key: 'channel', title: t('compliance.archives.channel'), render: (_, a) => a.channel.name },
    { key: 'month', title: t('compliance.archives.month'), dataIndex: 'month' },
    { key: 'format', title: t('compliance.archives.format'), render: (_, a) => a.format.toUpperCase() },
    { key: 'count', title: t('compliance.archives.messageCount'), dataIndex: 'messageCount', align: 'right' },
    {
      key: 'size',
      title: t('compliance.archives.size'),
      render: (_, a) => formatBytes(a.size),
      align: 'right',
    },
    {
      key: 'createdAt',
      title: t('compliance.archives.createdAt'),
      render: (_, a) => formatDateTime(a.createdAt),
    },
    {
      key: 'download',
      title: t('common.actions'),
      render: (_, a) => (
        <Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => download.mutate(a)}>
          {t('compliance.archives.download')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('compliance.archives.title')}
      extra={<ChannelIdSelect value={channelId} onChange={setChannelId} known={known} />}
    >
      <Form
        form={form}
        layout="inline"
        onFinish={(values) => create.mutate(values)}
        style={{ marginBottom: 16 }}
      >
        <Flex gap={8} wrap>
          <Form.Item name="channelId" rules={[{ required: true }]} style={{ margin: 0 }}>
            <ChannelIdSelect known={known} placeholder={t('compliance.archives.channel')} />
          </Form.Item>
          <Form.Item name="month" rules={[{ required: true }]} style={{ margin: 0 }}>
            <DatePicker
              picker="month"
              placeholder={t('compliance.archives.month')}
              // Only months that are over can be archived.
              disabledDate={(date) => !date.isBefore(dayjs().startOf('month'))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('compliance.archives.create')}
          </Button>
        </Flex>
      </Form>
      <Table
        rowKey="id"
        size="small"
        loading={archives.isLoading}
        columns={columns}
        dataSource={archives.data?.items ?? []}
        locale={{ emptyText: t('compliance.archives.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
    </Card>
  );
}
