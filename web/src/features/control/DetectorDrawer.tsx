import { type Detector, KEYWORDS_MAX, REGEX_MAX_LENGTH, type ValidationIssue } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Flex, Form, Input, Radio, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { createDetector, updateDetector } from '../../api/control.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { type DetectorFormValues, parseTerms, toDetectorForm, toDetectorRequest } from './detectorForm.ts';
import { showIssues } from './formErrors.ts';

export type DetectorDrawerState = { mode: 'create' } | { mode: 'edit'; detector: Detector } | null;

/** A custom detector: a keyword dictionary, classification labels, or a regular expression. */
export function DetectorDrawer({ state, onClose }: { state: DetectorDrawerState; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DetectorFormValues>();
  const [unplaced, setUnplaced] = useState<ValidationIssue[]>([]);
  const detector = state?.mode === 'edit' ? state.detector : null;
  const type = Form.useWatch('type', form) ?? 'keywords';
  const terms = Form.useWatch('terms', form) ?? '';
  const termCount = parseTerms(terms).length;

  useEffect(() => {
    if (!state) return;
    setUnplaced([]);
    form.resetFields();
    form.setFieldsValue(toDetectorForm(state.mode === 'edit' ? state.detector : null));
  }, [state, form]);

  const save = useMutation({
    mutationFn: (values: DetectorFormValues) => {
      const body = toDetectorRequest(values);
      return detector ? updateDetector(detector.id, body) : createDetector(body);
    },
    onSuccess: () => {
      message.success(detector ? t('common.saved') : t('control.detector.created'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.control.detectors });
      onClose();
    },
    onError: (error) => {
      if (isApiError(error, 'validation_failed') && error.issues.length > 0) {
        // The server says why a pattern is refused (invalid, or too slow on some texts): show it there.
        setUnplaced(showIssues(form, error.issues));
        return;
      }
      if (isApiError(error, 'conflict')) {
        form.setFields([{ name: 'name', errors: [t('control.detector.nameTaken')] }]);
        return;
      }
      showError(error);
    },
  });

  return (
    <FormDrawer
      open={state !== null}
      onClose={onClose}
      title={
        detector
          ? t('control.detector.editTitle', { name: detector.name })
          : t('control.detector.createTitle')
      }
      width={640}
      keepMounted
      testId="detector-editor"
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      submitText={detector ? t('common.save') : t('common.create')}
      submitTestId="detector-save"
    >
      {detector && detector.usedBy > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('control.detector.inUseNotice', { count: detector.usedBy })}
        />
      )}
      {unplaced.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={unplaced.map((issue) => issue.message).join('；')}
        />
      )}
      <Form<DetectorFormValues>
        form={form}
        layout="vertical"
        initialValues={toDetectorForm(null)}
        onFinish={(values) => {
          setUnplaced([]);
          save.mutate(values);
        }}
      >
        <Form.Item
          name="name"
          label={t('control.detector.name')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
        >
          <Input data-testid="detector-name" />
        </Form.Item>
        <Form.Item name="description" label={t('control.detector.description')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item name="type" label={t('control.detector.type')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['keywords', 'label', 'regex'] as const).map((value) => ({
              value,
              label: t(`control.detectorTypes.${value}`),
            }))}
          />
        </Form.Item>
        {type === 'regex' ? (
          <>
            <Form.Item
              name="pattern"
              label={t('control.detector.pattern')}
              extra={t('control.detector.patternHint')}
              rules={[
                { required: true, message: t('control.detector.patternRequired') },
                { max: REGEX_MAX_LENGTH },
              ]}
            >
              <Input
                className="lia-control-pattern"
                placeholder="HT-\d{4}-\d{6}"
                data-testid="detector-pattern"
              />
            </Form.Item>
            <Form.Item
              name="caseSensitive"
              label={t('control.detector.caseSensitive')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="terms"
            label={type === 'label' ? t('control.detector.labels') : t('control.detector.keywords')}
            extra={
              <Flex justify="space-between" gap={12}>
                <span>
                  {type === 'label' ? t('control.detector.labelsHint') : t('control.detector.keywordsHint')}
                </span>
                <Typography.Text
                  type={termCount > KEYWORDS_MAX ? 'danger' : 'secondary'}
                  data-testid="detector-term-count"
                >
                  {t('control.detector.termCount', { count: termCount })}
                </Typography.Text>
              </Flex>
            }
            rules={[
              {
                validator: (_, value: string | undefined) =>
                  parseTerms(value ?? '').length > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('control.detector.termsRequired'))),
              },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 12, maxRows: 24 }}
              placeholder={type === 'label' ? '绝密\n机密\n内部资料' : '投标底价\n未公开财报\n客户名单'}
              data-testid="detector-terms"
            />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
