import { EyeOutlined } from '@ant-design/icons';
import type { PersonalInfo, UpdatePersonalInfoRequest } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { getPersonalInfo, updatePersonalInfo } from '../../api/users.ts';
import { useApiError } from '../../app/errors.ts';

type Values = { [K in keyof PersonalInfo]: string };

const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/**
 * Reading personal data is itself an audited event, so nothing is fetched until the viewer
 * asks for it.
 */
export function PersonalInfoPanel({ userId, editable }: { userId: string; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState(false);
  const [form] = Form.useForm<Values>();

  const query = useQuery({
    queryKey: queryKeys.users.personal(userId),
    queryFn: () => getPersonalInfo(userId),
    enabled: revealed,
    staleTime: Number.POSITIVE_INFINITY,
  });

  useEffect(() => {
    if (query.data) {
      const data = query.data;
      form.setFieldsValue({
        mobile: data.mobile ?? '',
        address: data.address ?? '',
        idNumber: data.idNumber ?? '',
        emergencyContact: data.emergencyContact ?? '',
      });
    }
  }, [query.data, form]);

  const save = useMutation({
    mutationFn: (body: UpdatePersonalInfoRequest) => updatePersonalInfo(userId, body),
    onSuccess: (data) => {
      queryClient.setQueryData(queryKeys.users.personal(userId), data);
      message.success(t('common.saved'));
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Flex vertical gap={16}>
      <Alert type="warning" showIcon title={t('users.personalNotice')} />
      {!revealed ? (
        <Button icon={<EyeOutlined />} onClick={() => setRevealed(true)} data-testid="personal-reveal">
          {t('users.personalLoad')}
        </Button>
      ) : query.isLoading ? (
        <Spin />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          disabled={!editable}
          data-testid="personal-form"
          onFinish={(values) =>
            save.mutate({
              mobile: blankToNull(values.mobile),
              address: blankToNull(values.address),
              idNumber: blankToNull(values.idNumber),
              emergencyContact: blankToNull(values.emergencyContact),
            })
          }
        >
          <Form.Item name="mobile" label={t('users.mobile')} rules={[{ max: 32 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('users.idNumber')}
            rules={[{ pattern: /^[0-9A-Za-z-]{6,32}$/, message: t('users.idNumberInvalid') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="address" label={t('users.address')} rules={[{ max: 200 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
          <Form.Item name="emergencyContact" label={t('users.emergencyContact')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          {editable && (
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          )}
        </Form>
      )}
    </Flex>
  );
}
