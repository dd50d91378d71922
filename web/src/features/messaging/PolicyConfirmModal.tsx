import { ExclamationCircleFilled } from '@ant-design/icons';
import type { PolicyRefusal } from '@liaison/contracts';
import { Button, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { confirmQuestion, kindName } from '../../shared/controlText.ts';
import { useChat } from './ChatContext.ts';

/** The longest reason the server takes (PostMessageRequest.justification). */
const JUSTIFICATION_MAX = 500;

/**
 * 该内容包含…，是否继续对外发送？ A `warn` policy matched the message: it names the rules and what
 * they found (never the matched text), asks for a reason where the rule wants one, and either sends
 * the same post confirmed or hands the message back to the composer.
 */
export function PolicyConfirmModal({
  refusal,
  onConfirm,
  onCancel,
}: {
  refusal: PolicyRefusal;
  onConfirm: (justification: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { channel } = useChat();
  const [form] = Form.useForm<{ justification?: string }>();
  const required = refusal.requireJustification;
  return (
    <Modal
      open
      width={520}
      title={
        <Flex gap={8} align="flex-start">
          <ExclamationCircleFilled style={{ color: '#faad14', fontSize: 20, marginTop: 2 }} />
          <span data-testid="policy-confirm-title">
            {confirmQuestion(t, refusal, channel.kind === 'external')}
          </span>
        </Flex>
      }
      onCancel={onCancel}
      footer={[
        <Button key="cancel" onClick={onCancel} data-testid="policy-confirm-cancel">
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" onClick={() => form.submit()} data-testid="policy-confirm-ok">
          {t('messaging.control.continue')}
        </Button>,
      ]}
      maskClosable={false}
      destroyOnHidden
      data-testid="policy-confirm"
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('messaging.control.confirmIntro')}
      </Typography.Paragraph>
      <ul className="lia-policy-rules" data-testid="policy-confirm-rules">
        {refusal.rules.map((rule) => (
          <li key={`${rule.policyId}:${rule.ruleId}`}>
            <Typography.Text strong>{rule.ruleName}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInline: 6, fontSize: 12 }}>
              {rule.policyName}
            </Typography.Text>
            {rule.kinds.map((kind) => (
              <Tag key={kind.detector} color="orange" variant="filled">
                {kindName(t, kind)}
                {kind.count > 1 && ` ×${kind.count}`}
              </Tag>
            ))}
          </li>
        ))}
      </ul>
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => onConfirm(values.justification?.trim() ?? '')}
        style={{ marginTop: 12 }}
      >
        <Form.Item
          name="justification"
          label={
            required ? t('messaging.control.justification') : t('messaging.control.justificationOptional')
          }
          rules={[
            { required, whitespace: required, message: t('messaging.control.justificationRequired') },
            { max: JUSTIFICATION_MAX },
          ]}
          extra={t('messaging.control.confirmRecorded')}
        >
          <Input.TextArea
            autoFocus
            autoSize={{ minRows: 3, maxRows: 6 }}
            maxLength={JUSTIFICATION_MAX}
            showCount
            placeholder={t('messaging.control.justificationPlaceholder')}
            data-testid="policy-justification"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
