import { NOTIFICATION_KINDS, WEBHOOK_FORMATS, type Webhook, type WebhookFormat } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Radio, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { createWebhook, updateWebhook } from '../../api/notifications.ts';
import { useApiError } from '../../app/errors.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { FormDrawer } from '../../components/FormDrawer.tsx';

export type WebhookDrawerState = { mode: 'create' } | { mode: 'edit'; webhook: Webhook } | null;

interface WebhookForm {
  name: string;
  format: WebhookFormat;
  url: string;
  secret: string;
  removeSecret: boolean;
  kinds: Webhook['kinds'];
  departmentId: string | null;
  enabled: boolean;
}

const EMPTY: WebhookForm = {
  name: '',
  format: 'wecom',
  url: '',
  secret: '',
  removeSecret: false,
  kinds: [],
  departmentId: null,
  enabled: true,
};

/** A robot to push notices to: its format, address, optional signing secret, kinds and department. */
export function WebhookDrawer({ state, onClose }: { state: WebhookDrawerState; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<WebhookForm>();
  const editing = state?.mode === 'edit' ? state.webhook : null;
  const removeSecret = Form.useWatch('removeSecret', form);

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    const webhook = state.mode === 'edit' ? state.webhook : null;
    form.setFieldsValue(
      webhook
        ? {
            ...EMPTY,
            name: webhook.name,
            format: webhook.format,
            url: webhook.url,
            kinds: webhook.kinds,
            departmentId: webhook.departmentId,
            enabled: webhook.enabled,
          }
        : EMPTY,
    );
  }, [state, form]);

  const save = useMutation({
    mutationFn: (values: WebhookForm) => {
      const secret = values.secret.trim();
      const common = {
        name: values.name.trim(),
        format: values.format,
        url: values.url.trim(),
        kinds: values.kinds,
        departmentId: values.departmentId,
        enabled: values.enabled,
      };
      if (!editing) return createWebhook({ ...common, secret: secret || null });
      // Absent keeps the stored secret, null removes it.
      const secretChange = secret ? { secret } : values.removeSecret ? { secret: null } : {};
      return updateWebhook(editing.id, { ...common, ...secretChange });
    },
    onSuccess: () => {
      message.success(editing ? t('common.saved') : t('notifications.webhooks.created'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.webhooks });
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  return (
    <FormDrawer
      open={state !== null}
      onClose={onClose}
      title={
        editing
          ? t('notifications.webhooks.editTitle', { name: editing.name })
          : t('notifications.webhooks.createTitle')
      }
      width={560}
      keepMounted
      testId="webhook-drawer"
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      submitText={editing ? t('common.save') : t('common.create')}
      submitTestId="webhook-save"
    >
      <Form<WebhookForm>
        form={form}
        layout="vertical"
        initialValues={EMPTY}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item
          name="name"
          label={t('notifications.webhooks.name')}
          rules={[{ required: true, whitespace: true, max: 80 }]}
        >
          <Input
            placeholder={t('notifications.webhooks.namePlaceholder')}
            maxLength={80}
            data-testid="webhook-name"
          />
        </Form.Item>
        <Form.Item name="format" label={t('notifications.webhooks.format')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={WEBHOOK_FORMATS.map((format) => ({
              value: format,
              label: t(`notifications.webhooks.formats.${format}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('notifications.webhooks.url')}
          extra={t('notifications.webhooks.urlHint')}
          rules={[
            { required: true, whitespace: true, max: 2000 },
            { pattern: /^https?:\/\/\S+$/, message: t('notifications.webhooks.urlInvalid') },
          ]}
        >
          <Input
            placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
            data-testid="webhook-url"
          />
        </Form.Item>
        <Form.Item
          name="secret"
          label={t('notifications.webhooks.secret')}
          extra={
            editing?.signed ? t('notifications.webhooks.secretKeep') : t('notifications.webhooks.secretHint')
          }
          rules={[{ min: 8, max: 200 }]}
        >
          <Input.Password autoComplete="new-password" disabled={!!removeSecret} />
        </Form.Item>
        {editing?.signed && (
          <Form.Item name="removeSecret" valuePropName="checked" style={{ marginTop: -12 }}>
            <Checkbox>{t('notifications.webhooks.secretRemove')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="kinds" label={t('notifications.webhooks.kinds')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('notifications.webhooks.kindsPlaceholder')}
            options={NOTIFICATION_KINDS.map((kind) => ({
              value: kind,
              label: t(`notifications.kinds.${kind}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('notifications.webhooks.department')}
          extra={t('notifications.webhooks.departmentHint')}
        >
          <DepartmentSelect placeholder={t('notifications.webhooks.departmentPlaceholder')} />
        </Form.Item>
        <Form.Item name="enabled" label={t('notifications.webhooks.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
