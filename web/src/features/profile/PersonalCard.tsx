import type { Profile } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { updateProfile } from '../../api/profile.ts';
import { useApiError } from '../../app/errors.ts';

interface Values {
  officePhone: string;
  personal: { mobile: string; address: string; emergencyContact: string };
}

const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

export function PersonalCard({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    form.setFieldsValue({
      officePhone: profile.user.officePhone ?? '',
      personal: {
        mobile: profile.personal.mobile ?? '',
        address: profile.personal.address ?? '',
        emergencyContact: profile.personal.emergencyContact ?? '',
      },
    });
  }, [profile, form]);

  const save = useMutation({
    mutationFn: (values: Values) =>
      updateProfile({
        officePhone: blankToNull(values.officePhone),
        personal: {
          mobile: blankToNull(values.personal.mobile),
          address: blankToNull(values.personal.address),
          emergencyContact: blankToNull(values.personal.emergencyContact),
        },
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKeys.profile, next);
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      message.success(t('common.saved'));
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      style={{ maxWidth: 520 }}
      onFinish={(values) => save.mutate(values)}
      data-testid="profile-personal-form"
    >
      <Alert type="info" showIcon title={t('profile.personalNotice')} style={{ marginBottom: 16 }} />
      <Form.Item name="officePhone" label={t('users.officePhone')} rules={[{ max: 32 }]}>
        <Input />
      </Form.Item>
      <Form.Item name={['personal', 'mobile']} label={t('users.mobile')} rules={[{ max: 32 }]}>
        <Input data-testid="profile-mobile" />
      </Form.Item>
      <Form.Item name={['personal', 'address']} label={t('users.address')} rules={[{ max: 200 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Form.Item
        name={['personal', 'emergencyContact']}
        label={t('users.emergencyContact')}
        rules={[{ max: 100 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item label={t('users.idNumber')}>
        <Input value={profile.personal.idNumber ?? ''} disabled />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="profile-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
