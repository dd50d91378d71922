import { PlusOutlined } from '@ant-design/icons';
import type { ApiToken, CreatedToken } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createToken, listTokens, revokeToken } from '../../api/auth.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime, fromNow } from '../../app/format.ts';
import { SecretBox } from '../../components/SecretBox.tsx';

const EXPIRY_DAYS = [30, 90, 180, 365] as const;
const NEVER = 0;

function CreateTokenModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CreatedToken) => void;
}) {
  const { t } = useTranslation();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; days: number }>();
  const create = useMutation({
    mutationFn: (values: { name: string; days: number }) =>
      createToken({ name: values.name.trim(), expiresInDays: values.days === NEVER ? null : values.days }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tokens });
      form.resetFields();
      onCreated(created);
    },
    onError: (error) => showError(error, form),
  });
  return (
    <Modal
      open={open}
      title={t('profile.tokenCreate')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      confirmLoading={create.isPending}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ days: 90 }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item
          name="name"
          label={t('profile.tokenName')}
          rules={[{ required: true, whitespace: true, max: 64 }]}
        >
          <Input data-testid="token-name" />
        </Form.Item>
        <Form.Item name="days" label={t('profile.tokenExpiry')}>
          <Select
            options={[
              ...EXPIRY_DAYS.map((days) => ({ value: days, label: t('profile.tokenDays', { count: days }) })),
              { value: NEVER, label: t('profile.tokenNeverExpires') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TokensCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: queryKeys.tokens, queryFn: listTokens, select: (data) => data.items });
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeToken(token.id),
    onSuccess: () => {
      message.success(t('profile.tokenRevoked'));
      return queryClient.invalidateQueries({ queryKey: queryKeys.tokens });
    },
    onError: (error) => showError(error),
  });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Flex vertical gap={4} style={{ flex: 1, minWidth: 260 }}>
          <Typography.Text type="secondary">{t('profile.tokenIntro')}</Typography.Text>
          <Typography.Text type="secondary" data-testid="token-lifetime">
            {t('profile.tokenLifetime')}
          </Typography.Text>
        </Flex>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="token-create"
        >
          {t('profile.tokenCreate')}
        </Button>
      </Flex>
      <Table<ApiToken>
        data-testid="tokens-table"
        rowKey="id"
        size="middle"
        loading={tokens.isLoading}
        dataSource={tokens.data}
        pagination={false}
        columns={[
          { title: t('profile.tokenName'), dataIndex: 'name' },
          {
            title: t('profile.tokenPrefix'),
            dataIndex: 'prefix',
            render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
          },
          { title: t('profile.tokenCreatedAt'), dataIndex: 'createdAt', render: formatDateTime },
          {
            title: t('profile.tokenExpiresAt'),
            dataIndex: 'expiresAt',
            render: (value: string | null) =>
              !value ? (
                t('profile.tokenNeverExpires')
              ) : dayjs(value).isBefore(dayjs()) ? (
                <Tag color="red">{t('profile.tokenExpired')}</Tag>
              ) : (
                formatDateTime(value)
              ),
          },
          {
            title: t('profile.tokenLastUsedAt'),
            dataIndex: 'lastUsedAt',
            render: (value: string | null) => (value ? fromNow(value) : t('profile.tokenNeverUsed')),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, token) => (
              <Popconfirm
                title={t('profile.confirmRevokeToken', { name: token.name })}
                okButtonProps={{ danger: true }}
                onConfirm={() => revoke.mutateAsync(token).catch(() => undefined)}
              >
                <Button type="link" danger size="small">
                  {t('profile.tokenRevoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          setSecret(created.secret);
        }}
      />
      <Modal
        open={secret !== null}
        title={t('profile.tokenSecretTitle')}
        onCancel={() => setSecret(null)}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={() => setSecret(null)}>
            {t('common.close')}
          </Button>
        }
      >
        {secret && (
          <SecretBox notice={t('profile.tokenSecretNotice')} secret={secret} hint={t('profile.tokenUsage')} />
        )}
      </Modal>
    </Flex>
  );
}
