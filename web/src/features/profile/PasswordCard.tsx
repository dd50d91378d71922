import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../../api/auth.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { PasswordFields, type PasswordFormValues } from '../auth/PasswordFields.tsx';

export function PasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PasswordFormValues>();

  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordFormValues) =>
      changePassword({ currentPassword, newPassword }),
    onSuccess: () => {
      form.resetFields();
      message.success(t('profile.passwordChanged'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Form<PasswordFormValues>
      form={form}
      layout="vertical"
      style={{ maxWidth: 520 }}
      onFinish={(values) => change.mutate(values)}
      data-testid="profile-password-form"
    >
      <PasswordFields />
      <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
        {t('auth.submitChange')}
      </Button>
    </Form>
  );
}
