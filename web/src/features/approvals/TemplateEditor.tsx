import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { ANNOUNCEMENT_IMPORTANCE, type ApprovalSubjectType, type ApprovalTemplate } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  Radio,
  Select,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { saveApprovalTemplate } from '../../api/approvals.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { categoryName } from '../../shared/announcementText.ts';
import { useCategories } from '../../shared/queries/announcements.ts';
import { RuleList } from './RuleFields.tsx';
import { newStep, type TemplateFormValues, toTemplateForm, toTemplateRequest } from './templateForm.ts';

/** The attributes a step's condition may test, per subject (the server knows what each subject has). */
const ATTRIBUTES: Partial<Record<ApprovalSubjectType, string[]>> = {
  announcement: ['importance', 'category', 'legal'],
  press_release: ['importance', 'legal'],
  external_request: ['importance', 'legal'],
};

function ConditionFields({
  form,
  stepIndex,
  subjectType,
}: {
  form: FormInstance<TemplateFormValues>;
  stepIndex: number;
  subjectType: ApprovalSubjectType;
}) {
  const { t } = useTranslation();
  const conditional = Form.useWatch(['steps', stepIndex, 'conditional'], form) ?? false;
  const attribute = Form.useWatch(['steps', stepIndex, 'conditionAttribute'], form) as string | undefined;
  const categories = useCategories(subjectType === 'announcement');
  const valueOptions =
    attribute === 'importance'
      ? ANNOUNCEMENT_IMPORTANCE.map((value) => ({ value, label: t(`announcements.importance.${value}`) }))
      : attribute === 'category'
        ? (categories.data ?? []).map((c) => ({ value: c.key, label: categoryName(t, c) }))
        : [
            { value: 'true', label: t('approvals.templates.yes') },
            { value: 'false', label: t('approvals.templates.no') },
          ];
  return (
    <Flex gap={8} align="center" wrap>
      <Form.Item name={[stepIndex, 'conditional']} valuePropName="checked" noStyle>
        <Checkbox data-testid="template-step-conditional">{t('approvals.templates.onlyWhen')}</Checkbox>
      </Form.Item>
      {conditional && (
        <>
          <Form.Item
            name={[stepIndex, 'conditionAttribute']}
            rules={[{ required: true, message: t('approvals.templates.attributeRequired') }]}
            style={{ margin: 0 }}
          >
            <AutoComplete
              style={{ width: 150 }}
              placeholder={t('approvals.templates.attribute')}
              options={(ATTRIBUTES[subjectType] ?? []).map((value) => ({
                value,
                label: `${t(`approvals.attributes.${value as 'importance'}`)} (${value})`,
              }))}
            />
          </Form.Item>
          <Typography.Text type="secondary">{t('approvals.templates.isOneOf')}</Typography.Text>
          <Form.Item
            name={[stepIndex, 'conditionValues']}
            rules={[
              { required: true, type: 'array', min: 1, message: t('approvals.templates.valuesRequired') },
            ]}
            style={{ margin: 0, flex: '1 1 200px' }}
          >
            <Select mode="tags" options={valueOptions} placeholder={t('approvals.templates.values')} />
          </Form.Item>
        </>
      )}
    </Flex>
  );
}

/** One subject type's template: ordered steps (who approves, 或签 / 会签, when it applies) and cc. */
export function TemplateEditor({
  subjectType,
  template,
}: {
  subjectType: ApprovalSubjectType;
  template: ApprovalTemplate | undefined;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TemplateFormValues>();
  const defaults = {
    name: t('approvals.templates.defaultName', { type: t(`approvals.subjectTypes.${subjectType}`) }),
    stepName: t('approvals.templates.defaultStep'),
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when another version arrives, not on every render's defaults
  useEffect(() => {
    form.setFieldsValue(toTemplateForm(template, defaults));
  }, [template, form]);

  const save = useMutation({
    mutationFn: (values: TemplateFormValues) => saveApprovalTemplate(subjectType, toTemplateRequest(values)),
    onSuccess: () => {
      message.success(t('approvals.templates.saved'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.approvals.templates });
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Form<TemplateFormValues>
      form={form}
      layout="vertical"
      initialValues={toTemplateForm(template, defaults)}
      // The whole store, not only the rendered fields: each step keeps its id, which has no field.
      onFinish={() => save.mutate(form.getFieldsValue(true) as TemplateFormValues)}
      data-testid={`template-form-${subjectType}`}
    >
      <Flex justify="space-between" align="flex-end" gap={16} wrap>
        <Form.Item
          name="name"
          label={t('approvals.templates.name')}
          rules={[{ required: true, whitespace: true, max: 80 }]}
          style={{ flex: '1 1 320px', maxWidth: 480 }}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item>
          <Flex gap={12} align="center">
            {template && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('approvals.templates.version', {
                  version: template.version,
                  at: formatDateTime(template.updatedAt),
                })}
              </Typography.Text>
            )}
            <Button
              type="primary"
              htmlType="submit"
              icon={<SaveOutlined />}
              loading={save.isPending}
              data-testid="template-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        </Form.Item>
      </Flex>
      {!template && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('approvals.templates.notSaved')} />
      )}
      <Typography.Title level={5}>{t('approvals.templates.steps')}</Typography.Title>
      <Form.List name="steps">
        {(fields, { add, remove, move }) => (
          <Flex vertical gap={12}>
            {fields.map((field, index) => (
              <div key={field.key} className="lia-template-step" data-testid="template-step">
                <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
                  <span className="lia-template-step-index">{index + 1}</span>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        max: 60,
                        message: t('approvals.templates.stepNameRequired'),
                      },
                    ]}
                    style={{ margin: 0, flex: '1 1 200px', maxWidth: 320 }}
                  >
                    <Input maxLength={60} placeholder={t('approvals.templates.stepName')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'mode']} style={{ margin: 0 }}>
                    <Radio.Group
                      optionType="button"
                      size="small"
                      options={(['any', 'all'] as const).map((mode) => ({
                        value: mode,
                        label: (
                          <Tooltip title={t(`approvals.modeHints.${mode}`)}>
                            <span>{t(`approvals.modes.${mode}`)}</span>
                          </Tooltip>
                        ),
                      }))}
                    />
                  </Form.Item>
                  <Flex gap={0} style={{ marginLeft: 'auto' }}>
                    <Button
                      type="text"
                      icon={<ArrowUpOutlined />}
                      aria-label={t('approvals.templates.moveUp')}
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                    />
                    <Button
                      type="text"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('approvals.templates.moveDown')}
                      disabled={index === fields.length - 1}
                      onClick={() => move(index, index + 1)}
                    />
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                </Flex>
                <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
                  {t('approvals.templates.approvers')}
                </Typography.Text>
                <RuleList
                  form={form}
                  name={['steps', field.name, 'approvers']}
                  minimum={1}
                  addLabel={t('approvals.templates.addApprover')}
                />
                <div style={{ marginTop: 12 }}>
                  <ConditionFields form={form} stepIndex={field.name} subjectType={subjectType} />
                </div>
              </div>
            ))}
            {fields.length < 10 && (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add(newStep(t('approvals.templates.newStep', { index: fields.length + 1 })))}
                data-testid="template-add-step"
              >
                {t('approvals.templates.addStep')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('approvals.templates.cc')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('approvals.templates.ccHint')}</Typography.Paragraph>
      <RuleList form={form} name={['cc']} minimum={0} addLabel={t('approvals.templates.addCc')} />
    </Form>
  );
}
