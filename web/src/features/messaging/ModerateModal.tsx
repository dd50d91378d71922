import type { Message } from '@liaison/contracts';
import { Alert, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** A channel owner removes someone else's message; the reason is required and recorded. */
export function ModerateModal({
  message,
  pending,
  onSubmit,
  onClose,
}: {
  message: Message | null;
  pending: boolean;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (message) form.resetFields();
  }, [message, form]);
  return (
    <Modal
      open={message !== null}
      title={t('messaging.moderate.title')}
      okText={t('messaging.moderate.submit')}
      okButtonProps={{ danger: true, 'data-testid': 'moderate-submit' }}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Alert type="warning" showIcon title={t('messaging.moderate.intro')} style={{ marginBottom: 16 }} />
      {message && <blockquote className="lia-quote">{message.body.slice(0, 300)}</blockquote>}
      <Form form={form} layout="vertical" onFinish={(values) => onSubmit(values.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('messaging.moderate.reason')}
          rules={[
            { required: true, whitespace: true, message: t('messaging.moderate.reasonRequired') },
            { max: 500 },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('messaging.moderate.reasonPlaceholder')}
            data-testid="moderate-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
