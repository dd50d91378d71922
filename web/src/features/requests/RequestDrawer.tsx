import { REQUEST_PRIORITIES } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Flex, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { createRequest } from '../../api/requests.ts';
import { useApiError } from '../../app/errors.ts';
import { useMe } from '../../app/session.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { useRequestSettings } from '../../shared/queries/requestSettings.ts';
import { requestNumber } from './requestText.ts';

interface RequestFormValues {
  fromDepartmentId: string | null;
  toDepartmentId: string | null;
  title: string;
  body: string;
  priority: 'normal' | 'urgent';
  wantedBy: Dayjs | null;
}

/** 发起请求: on behalf of one's department, to another, with what is needed and by when. */
export function RequestDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useMe();
  const [form] = Form.useForm<RequestFormValues>();
  const from = Form.useWatch('fromDepartmentId', form);
  const settings = useRequestSettings(open);
  const initial: RequestFormValues = {
    fromDepartmentId: me.user.department?.id ?? null,
    toDepartmentId: null,
    title: '',
    body: '',
    priority: 'normal',
    wantedBy: null,
  };

  useEffect(() => {
    if (!open) return;
    form.resetFields();
  }, [open, form]);

  const create = useMutation({
    mutationFn: (values: RequestFormValues) =>
      createRequest({
        toDepartmentId: values.toDepartmentId!,
        ...(values.fromDepartmentId ? { fromDepartmentId: values.fromDepartmentId } : {}),
        title: values.title.trim(),
        body: values.body.trim(),
        priority: values.priority,
        wantedBy: values.wantedBy ? values.wantedBy.second(0).millisecond(0).toISOString() : null,
      }),
    onSuccess: (request) => {
      message.success(
        t('requests.drawer.created', {
          number: requestNumber(request),
          department: request.toDepartment.name,
        }),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.requests.lists });
      onClose();
      navigate(`/requests/${request.id}`);
    },
    onError: (error) => showError(error, form),
  });

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t('requests.drawer.title')}
      width={600}
      keepMounted
      testId="request-drawer"
      onSubmit={() => form.submit()}
      submitting={create.isPending}
      submitText={t('requests.list.create')}
      submitTestId="request-save"
    >
      {settings.data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('requests.due.rule', { hours: settings.data.firstResponseHours })}
        />
      )}
      <Form<RequestFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item
          name="fromDepartmentId"
          label={t('requests.drawer.fromDepartment')}
          extra={t('requests.drawer.fromHint')}
        >
          <DepartmentSelect data-testid="request-from" />
        </Form.Item>
        <Form.Item
          name="toDepartmentId"
          label={t('requests.drawer.toDepartment')}
          dependencies={['fromDepartmentId']}
          rules={[
            { required: true, message: t('requests.drawer.toPlaceholder') },
            {
              validator: (_, value: string | null) =>
                value && value === form.getFieldValue('fromDepartmentId')
                  ? Promise.reject(new Error(t('requests.drawer.sameDepartment')))
                  : Promise.resolve(),
            },
          ]}
        >
          <DepartmentSelect
            placeholder={t('requests.drawer.toPlaceholder')}
            disabledIds={from ? new Set([from]) : undefined}
            data-testid="request-to"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('requests.field.title')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input
            placeholder={t('requests.drawer.titlePlaceholder')}
            maxLength={200}
            data-testid="request-title"
          />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('requests.field.body')}
          rules={[{ required: true, whitespace: true, max: 10_000 }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 10 }}
            placeholder={t('requests.drawer.bodyPlaceholder')}
            data-testid="request-body"
          />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="priority" label={t('requests.field.priority')} style={{ flex: 1 }}>
            <Radio.Group
              optionType="button"
              options={REQUEST_PRIORITIES.map((p) => ({ value: p, label: t(`requests.priorities.${p}`) }))}
            />
          </Form.Item>
          <Form.Item name="wantedBy" label={t('requests.field.wantedBy')} style={{ flex: 1 }}>
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format="YYYY-MM-DD HH:mm"
              placeholder={t('requests.drawer.wantedByPlaceholder')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Flex>
      </Form>
    </FormDrawer>
  );
}
