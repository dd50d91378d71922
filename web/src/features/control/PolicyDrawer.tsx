import { PlusOutlined } from '@ant-design/icons';
import { CHANNEL_KINDS, type ControlPolicy, type ValidationIssue } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Switch,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { createPolicy, updatePolicy } from '../../api/control.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { DepartmentsSelect } from '../../components/DepartmentSelect.tsx';
import { showIssues } from './formErrors.ts';
import { issueLabel } from './issueLabel.ts';
import { newPolicy, newRule, type PolicyFormValues, toFormValues, toSaveRequest } from './policyForm.ts';
import { RuleCard } from './RuleCard.tsx';

export type PolicyDrawerState = { mode: 'create' } | { mode: 'edit'; policy: ControlPolicy } | null;

/** 沟通策略 editor: name and mode, where it applies, and its ordered rules. */
export function PolicyDrawer({ state, onClose }: { state: PolicyDrawerState; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PolicyFormValues>();
  const [unplaced, setUnplaced] = useState<ValidationIssue[]>([]);
  const policy = state?.mode === 'edit' ? state.policy : null;

  useEffect(() => {
    if (!state) return;
    setUnplaced([]);
    form.resetFields();
    form.setFieldsValue(state.mode === 'edit' ? toFormValues(state.policy) : newPolicy());
  }, [state, form]);

  const save = useMutation({
    mutationFn: (values: PolicyFormValues) => {
      const body = toSaveRequest(values);
      return policy ? updatePolicy(policy.id, body) : createPolicy(body);
    },
    onSuccess: () => {
      message.success(policy ? t('common.saved') : t('control.policy.created'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.control.policies });
      // Usage counts of detectors follow the policies.
      void queryClient.invalidateQueries({ queryKey: queryKeys.control.detectors });
      onClose();
    },
    onError: (error) => {
      if (isApiError(error, 'validation_failed') && error.issues.length > 0) {
        // A problem with a whole rule has no field of its own: it is listed above the form.
        setUnplaced(showIssues(form, error.issues, [['rules']]));
        message.error(t('errors.validation_failed'));
        return;
      }
      showError(error);
    },
  });

  return (
    <Drawer
      open={state !== null}
      onClose={onClose}
      title={policy ? t('control.policy.editTitle', { name: policy.name }) : t('control.policy.createTitle')}
      size={800}
      forceRender
      data-testid="policy-editor"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="policy-save"
          >
            {policy ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      {unplaced.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('control.policy.serverProblems')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {unplaced.map((issue) => (
                <li key={`${issue.path}:${issue.message}`}>
                  {issueLabel(t, issue.path)}：{issue.message}
                </li>
              ))}
            </ul>
          }
          data-testid="policy-server-errors"
        />
      )}
      <Form<PolicyFormValues>
        form={form}
        layout="vertical"
        initialValues={newPolicy()}
        onFinish={(values) => {
          setUnplaced([]);
          save.mutate(values);
        }}
      >
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item
              name="name"
              label={t('control.policy.name')}
              rules={[{ required: true, whitespace: true, max: 100 }]}
            >
              <Input data-testid="policy-name" placeholder={t('control.policy.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="priority"
              label={t('control.policy.priority')}
              tooltip={t('control.policy.priorityHint')}
            >
              <InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('control.policy.description')} rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="mode" label={t('control.policy.mode')} extra={t('control.policy.modeHint')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={(['enforce', 'test'] as const).map((mode) => ({
                  value: mode,
                  label: t(`control.modes.${mode}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="enabled" label={t('control.policy.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('control.policy.scope')}
        </Divider>
        <Form.Item name={['scope', 'direction']} label={t('control.policy.direction')}>
          <Radio.Group
            optionType="button"
            options={(['external', 'internal', 'any'] as const).map((direction) => ({
              value: direction,
              label: t(`control.directions.${direction}`),
            }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name={['scope', 'channelKinds']}
              label={t('control.policy.channelKinds')}
              extra={t('control.policy.channelKindsHint')}
            >
              <Select
                mode="multiple"
                allowClear
                placeholder={t('control.policy.anyChannelKind')}
                options={CHANNEL_KINDS.map((kind) => ({ value: kind, label: t(`messaging.kinds.${kind}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name={['scope', 'departmentIds']}
              label={t('control.policy.departments')}
              extra={t('control.policy.departmentsHint')}
            >
              <DepartmentsSelect placeholder={t('control.policy.anyDepartment')} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('control.policy.rules')}
        </Divider>
        <Form.List name="rules">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((field, index) => (
                <RuleCard
                  key={field.key}
                  form={form}
                  field={field}
                  index={index}
                  count={fields.length}
                  onMove={move}
                  onRemove={() => remove(field.name)}
                />
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                disabled={fields.length >= 50}
                onClick={() => add(newRule())}
                data-testid="policy-add-rule"
              >
                {t('control.policy.addRule')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
