import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../../api/auth.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { PasswordFields, type PasswordFormValues } from '../../components/PasswordFields.tsx';
import { useTokenCount } from './useTokenCount.ts';

export function PasswordCard() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const tokenCount = useTokenCount();
  const [form] = Form.useForm<PasswordFormValues>();

  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordFormValues) =>
      changePassword({ currentPassword, newPassword }),
    onSuccess: () => {
      form.resetFields();
      message.success(t('profile.passwordChanged'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tokens });
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Form<PasswordFormValues>
      form={form}
      layout="vertical"
      style={{ maxWidth: 520 }}
      onFinish={(values) =>
        // What a new password ends is said before it happens: other devices, and every API token.
        modal.confirm({
          title: t('profile.confirmPasswordChangeTitle'),
          content:
            tokenCount > 0
              ? t('profile.confirmPasswordChangeWithTokens', { count: tokenCount })
              : t('profile.confirmPasswordChange'),
          okText: t('auth.submitChange'),
          onOk: () => change.mutateAsync(values).catch(() => undefined),
        })
      }
      data-testid="profile-password-form"
    >
      <PasswordFields />
      <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
        {t('auth.submitChange')}
      </Button>
    </Form>
  );
}
