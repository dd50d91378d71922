import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { BUILT_IN_DETECTORS, type Detector } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { deleteDetector } from '../../api/control.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DetectorDrawer, type DetectorDrawerState } from './DetectorDrawer.tsx';
import { useDetectors } from './queries.ts';
import './control.css';

/** How many terms the list shows before "…". */
const PREVIEW_TERMS = 6;

/** 检测器: the built-in types, and the company's own dictionaries, labels and patterns. */
export default function DetectorsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const detectors = useDetectors();
  const [drawer, setDrawer] = useState<DetectorDrawerState>(null);

  const remove = useMutation({
    mutationFn: (detector: Detector) => deleteDetector(detector.id),
    onSuccess: () => {
      message.success(t('common.deleted'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.control.detectors });
    },
    onError: (error, detector) => {
      // A policy started using it since the list was loaded.
      if (isApiError(error, 'conflict')) {
        modal.warning({ title: t('control.detector.inUse', { name: detector.name }) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.control.detectors });
        return;
      }
      showError(error);
    },
  });

  const confirmDelete = (detector: Detector) => {
    if (detector.usedBy > 0) {
      modal.warning({ title: t('control.detector.inUse', { name: detector.name, count: detector.usedBy }) });
      return;
    }
    modal.confirm({
      title: t('control.detector.deleteConfirm', { name: detector.name }),
      okButtonProps: { danger: true },
      onOk: () => remove.mutateAsync(detector).catch(() => undefined),
    });
  };

  const columns: TableColumnsType<Detector> = [
    {
      title: t('control.detector.name'),
      key: 'name',
      width: 220,
      render: (_, d) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setDrawer({ mode: 'edit', detector: d })}>{d.name}</Typography.Link>
          {d.description && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.description}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('control.detector.type'),
      dataIndex: 'type',
      width: 110,
      render: (_, d) => <Tag>{t(`control.detectorTypes.${d.type}`)}</Tag>,
    },
    {
      title: t('control.detector.content'),
      key: 'content',
      render: (_, d) =>
        d.type === 'regex' ? (
          <Space size={4}>
            <Typography.Text code className="lia-control-pattern">
              {d.pattern}
            </Typography.Text>
            {d.caseSensitive && <Tag>{t('control.detector.caseSensitiveTag')}</Tag>}
          </Space>
        ) : (
          <Space orientation="vertical" size={0}>
            <span>{t('control.detector.termCount', { count: d.terms.length })}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.terms.slice(0, PREVIEW_TERMS).join(t('control.separator'))}
              {d.terms.length > PREVIEW_TERMS && '…'}
            </Typography.Text>
          </Space>
        ),
    },
    {
      title: t('control.detector.usedBy'),
      dataIndex: 'usedBy',
      width: 110,
      render: (_, d) =>
        d.usedBy > 0 ? (
          t('control.detector.usedByCount', { count: d.usedBy })
        ) : (
          <Typography.Text type="secondary">{t('control.detector.unused')}</Typography.Text>
        ),
    },
    {
      title: t('control.policy.updated'),
      key: 'updated',
      width: 170,
      render: (_, d) => (
        <Space orientation="vertical" size={0}>
          <span>{d.updatedBy?.displayName ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(d.updatedAt)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_, d) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setDrawer({ mode: 'edit', detector: d })}
          >
            {t('common.edit')}
          </Button>
          <Tooltip title={d.usedBy > 0 ? t('control.detector.inUseShort', { count: d.usedBy }) : undefined}>
            <Button
              type="link"
              size="small"
              danger
              icon={<DeleteOutlined />}
              onClick={() => confirmDelete(d)}
            >
              {t('common.delete')}
            </Button>
          </Tooltip>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="detectors-page">
      <PageHeader
        title={t('control.detector.title')}
        subtitle={t('control.detector.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer({ mode: 'create' })}
            data-testid="detector-create"
          >
            {t('control.detector.create')}
          </Button>
        }
      />
      <Flex vertical gap={16}>
        <Card title={t('control.detector.customTitle')}>
          <Table<Detector>
            data-testid="detectors-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={detectors.data}
            loading={detectors.isLoading}
            pagination={false}
            scroll={{ x: 1000 }}
          />
        </Card>
        <Card
          title={t('control.detector.builtInTitle')}
          extra={<Typography.Text type="secondary">{t('control.detector.builtInHint')}</Typography.Text>}
        >
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={BUILT_IN_DETECTORS.map((key) => ({ key }))}
            columns={[
              {
                title: t('control.detector.name'),
                key: 'name',
                width: 200,
                render: (_, { key }) => t(`control.builtIn.${key}`),
              },
              {
                title: t('control.detector.checks'),
                key: 'checks',
                render: (_, { key }) => (
                  <Typography.Text type="secondary">{t(`control.builtInHints.${key}`)}</Typography.Text>
                ),
              },
            ]}
          />
        </Card>
      </Flex>
      <DetectorDrawer state={drawer} onClose={() => setDrawer(null)} />
    </div>
  );
}
