import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { CONTROL_ACTIONS } from '@liaison/contracts';
import {
  Button,
  Card,
  Col,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Slider,
  Space,
  Switch,
  Tooltip,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.ts';
import { DepartmentsSelect } from '../../components/DepartmentSelect.tsx';
import { percent } from '../../shared/controlText.ts';
import { DetectorSelect } from './DetectorSelect.tsx';
import { BEHAVIOUR_DEFAULTS, type BehaviourKind, type PolicyFormValues } from './policyForm.ts';
import { useCounterparties } from './queries.ts';

/**
 * One rule of a policy: what it looks for (detectors, behaviour), whom it concerns (counterparties,
 * senders' departments) and what it does. `index` is its place in Form.List `rules`.
 */
export function RuleCard({
  form,
  field,
  index,
  count,
  onMove,
  onRemove,
}: {
  form: FormInstance<PolicyFormValues>;
  field: { key: number; name: number };
  index: number;
  count: number;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const allowed = useCan();
  const counterparties = useCounterparties(allowed('counterparty.read'));
  const name = field.name;
  const action = Form.useWatch(['rules', name, 'action'], form);
  const behaviour = Form.useWatch(['rules', name, 'behaviour', 'kind'], form) as BehaviourKind | undefined;

  return (
    <Card
      size="small"
      className="lia-control-rule-card"
      data-testid="policy-rule"
      title={t('control.policy.ruleNumber', { number: index + 1 })}
      extra={
        <Space size={0}>
          <Tooltip title={t('control.policy.moveUp')}>
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={index === 0}
              onClick={() => onMove(index, index - 1)}
              aria-label={t('control.policy.moveUp')}
            />
          </Tooltip>
          <Tooltip title={t('control.policy.moveDown')}>
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={index === count - 1}
              onClick={() => onMove(index, index + 1)}
              aria-label={t('control.policy.moveDown')}
            />
          </Tooltip>
          <Tooltip title={t('control.policy.removeRule')}>
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              disabled={count === 1}
              onClick={onRemove}
              aria-label={t('control.policy.removeRule')}
            />
          </Tooltip>
        </Space>
      }
    >
      <Form.Item name={[name, 'id']} hidden>
        <Input />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name={[name, 'name']}
            label={t('control.policy.ruleName')}
            rules={[{ required: true, whitespace: true, max: 100 }]}
          >
            <Input placeholder={t('control.policy.ruleNamePlaceholder')} data-testid="rule-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={[name, 'action']} label={t('control.policy.action')} rules={[{ required: true }]}>
            <Select
              data-testid="rule-action"
              options={CONTROL_ACTIONS.map((a) => ({
                value: a,
                label: `${t(`control.actions.${a}`)}（${a}）`,
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text
        type="secondary"
        style={{ display: 'block', marginTop: -12, marginBottom: 12, fontSize: 12 }}
      >
        {action ? t(`control.actionHints.${action}`) : null}
      </Typography.Text>
      {action === 'warn' && (
        <Form.Item
          name={[name, 'requireJustification']}
          label={t('control.policy.requireJustification')}
          valuePropName="checked"
          extra={t('control.policy.requireJustificationHint')}
        >
          <Switch />
        </Form.Item>
      )}
      <Form.Item
        name={[name, 'detectors']}
        label={t('control.policy.detectors')}
        extra={t('control.policy.detectorsHint')}
      >
        <DetectorSelect data-testid="rule-detectors" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item
            name={[name, 'minConfidence']}
            label={t('control.policy.minConfidence')}
            tooltip={t('control.policy.minConfidenceHint')}
          >
            <Slider
              min={0}
              max={1}
              step={0.05}
              tooltip={{ formatter: (v) => (v === undefined ? null : percent(v)) }}
              marks={{ 0: '0', 0.5: '50%', 0.8: '80%', 1: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item
            name={[name, 'minCount']}
            label={t('control.policy.minCount')}
            tooltip={t('control.policy.minCountHint')}
          >
            <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={[name, 'behaviour', 'kind']} label={t('control.policy.behaviour')}>
        <Radio.Group
          optionType="button"
          onChange={(event) => {
            const kind = event.target.value as BehaviourKind;
            if (kind !== 'none')
              form.setFieldValue(['rules', name, 'behaviour'], { kind, ...BEHAVIOUR_DEFAULTS[kind] });
          }}
          options={(['none', 'flooding', 'repetition'] as const).map((kind) => ({
            value: kind,
            label: t(`control.behaviourOptions.${kind}`),
          }))}
        />
      </Form.Item>
      {behaviour && behaviour !== 'none' && (
        <Space align="baseline" wrap style={{ marginTop: -8, marginBottom: 16 }}>
          <Form.Item
            name={[name, 'behaviour', behaviour === 'flooding' ? 'maxMessages' : 'maxRepeats']}
            noStyle
            rules={[{ required: true }]}
          >
            <InputNumber
              min={behaviour === 'flooding' ? 2 : 1}
              max={behaviour === 'flooding' ? 1000 : 100}
              precision={0}
              prefix={
                behaviour === 'flooding' ? t('control.policy.floodingCount') : t('control.policy.repeatCount')
              }
              suffix={t('control.policy.times')}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item name={[name, 'behaviour', 'windowSeconds']} noStyle rules={[{ required: true }]}>
            <InputNumber
              min={5}
              max={86_400}
              precision={0}
              prefix={t('control.policy.within')}
              suffix={t('control.policy.seconds')}
              style={{ width: 200 }}
            />
          </Form.Item>
        </Space>
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name={[name, 'counterpartyIds']}
            label={t('control.policy.counterparties')}
            extra={t('control.policy.counterpartiesHint')}
          >
            <Select
              mode="multiple"
              allowClear
              disabled={!allowed('counterparty.read')}
              loading={counterparties.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('control.policy.anyCounterparty')}
              options={(counterparties.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              maxTagCount="responsive"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name={[name, 'senderDepartmentIds']}
            label={t('control.policy.senderDepartments')}
            extra={t('control.policy.senderDepartmentsHint')}
          >
            <DepartmentsSelect placeholder={t('control.policy.anyDepartment')} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
