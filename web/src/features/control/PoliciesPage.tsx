import { PlusOutlined } from '@ant-design/icons';
import type { ControlPolicy } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Flex, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deletePolicy, updatePolicy } from '../../api/control.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { EditDeleteActions } from '../../components/EditDeleteActions.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDepartments } from '../../shared/queries/departments.ts';
import { PolicyDrawer, type PolicyDrawerState } from './PolicyDrawer.tsx';
import { PolicyTestCard } from './PolicyTestCard.tsx';
import { policyToRequest } from './policyForm.ts';
import { usePolicies } from './queries.ts';
import { scopeSummary } from './scopeSummary.ts';
import './control.css';

/** 沟通策略: what happens to a message that contains sensitive content, and where. */
export default function PoliciesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const policies = usePolicies();
  const { departments } = useDepartments();
  const [drawer, setDrawer] = useState<PolicyDrawerState>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.control.policies });
    void queryClient.invalidateQueries({ queryKey: queryKeys.control.detectors });
  };

  const toggle = useMutation({
    mutationFn: ({ policy, enabled }: { policy: ControlPolicy; enabled: boolean }) =>
      updatePolicy(policy.id, policyToRequest(policy, { enabled })),
    onSuccess: (policy) => {
      message.success(policy.enabled ? t('control.policy.switchedOn') : t('control.policy.switchedOff'));
      refresh();
    },
    onError: (error) => showError(error),
  });
  const remove = useMutation({
    mutationFn: (policy: ControlPolicy) => deletePolicy(policy.id),
    onSuccess: () => {
      message.success(t('common.deleted'));
      refresh();
    },
    onError: (error) => showError(error),
  });

  const columns: TableColumnsType<ControlPolicy> = [
    {
      title: t('control.policy.name'),
      key: 'name',
      width: 280,
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setDrawer({ mode: 'edit', policy: p })}>{p.name}</Typography.Link>
          {p.description && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.description}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('control.policy.mode'),
      dataIndex: 'mode',
      width: 88,
      render: (_, p) => (
        <Tag color={p.mode === 'enforce' ? 'green' : 'blue'}>{t(`control.modes.${p.mode}`)}</Tag>
      ),
    },
    {
      title: t('control.policy.enabled'),
      dataIndex: 'enabled',
      width: 64,
      render: (_, p) => (
        <Switch
          size="small"
          checked={p.enabled}
          loading={toggle.isPending && toggle.variables?.policy.id === p.id}
          onChange={(enabled) => toggle.mutate({ policy: p, enabled })}
          aria-label={t('control.policy.enabled')}
          data-testid="policy-enabled"
        />
      ),
    },
    {
      title: t('control.policy.scope'),
      key: 'scope',
      render: (_, p) => <Typography.Text>{scopeSummary(t, p.scope, departments)}</Typography.Text>,
    },
    {
      title: t('control.policy.ruleCount'),
      key: 'rules',
      width: 72,
      align: 'right',
      render: (_, p) => (
        <Tooltip title={p.rules.map((r) => `${r.name}：${t(`control.actions.${r.action}`)}`).join('；')}>
          <span>{p.rules.length}</span>
        </Tooltip>
      ),
    },
    { title: t('control.policy.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
    {
      title: t('control.policy.updated'),
      key: 'updated',
      width: 150,
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          <span>{p.updatedBy?.displayName ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(p.updatedAt)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, p) => (
        <EditDeleteActions
          onEdit={() => setDrawer({ mode: 'edit', policy: p })}
          deleteConfirm={t('control.policy.deleteConfirm', { name: p.name })}
          onDelete={() => remove.mutateAsync(p)}
        />
      ),
    },
  ];

  return (
    <div data-testid="policies-page">
      <PageHeader
        title={t('control.policy.title')}
        subtitle={t('control.policy.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer({ mode: 'create' })}
            data-testid="policy-create"
          >
            {t('control.policy.create')}
          </Button>
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Table<ControlPolicy>
            data-testid="policies-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={policies.data}
            loading={policies.isLoading}
            pagination={false}
            scroll={{ x: 1000 }}
          />
        </Card>
        <PolicyTestCard />
      </Flex>
      <PolicyDrawer state={drawer} onClose={() => setDrawer(null)} />
    </div>
  );
}
