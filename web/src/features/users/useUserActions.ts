import type { User } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { disableUser, liftSignInThrottle, resetUserPassword, updateUser } from '../../api/users.ts';
import { useApiError } from '../../app/errors.ts';
import type { TemporaryPassword } from './TemporaryPasswordModal.tsx';

/** Disable, enable, reset password and lift sign-in limits, each behind a confirmation. */
export function useUserActions(onTemporaryPassword: (value: TemporaryPassword) => void) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.users.all });

  const disable = useMutation({
    mutationFn: (user: User) => disableUser(user.id),
    onSuccess: () => {
      message.success(t('users.disabled'));
      return refresh();
    },
    onError: (error) => showError(error),
  });
  const enable = useMutation({
    mutationFn: (user: User) => updateUser(user.id, { status: 'active' }),
    onSuccess: () => {
      message.success(t('users.enabled'));
      return refresh();
    },
    onError: (error) => showError(error),
  });
  const reset = useMutation({
    mutationFn: (user: User) => resetUserPassword(user.id),
    onSuccess: (result, user) =>
      onTemporaryPassword({ name: user.displayName, password: result.temporaryPassword }),
    onError: (error) => showError(error),
  });

  const lift = useMutation({
    mutationFn: (user: Pick<User, 'id' | 'displayName'>) => liftSignInThrottle(user.id),
    onSuccess: (_result, user) => {
      message.success(t('users.throttleLifted'));
      return queryClient.invalidateQueries({ queryKey: queryKeys.users.signInThrottle(user.id) });
    },
    onError: (error) => showError(error),
  });

  return {
    confirmLift: (user: Pick<User, 'id' | 'displayName'>) =>
      modal.confirm({
        title: t('users.liftThrottle'),
        content: t('users.confirmLiftThrottle', { name: user.displayName }),
        onOk: () => lift.mutateAsync(user).catch(() => undefined),
      }),
    confirmDisable: (user: User) =>
      modal.confirm({
        title: t('users.disable'),
        content: t('users.confirmDisable', { name: user.displayName }),
        okButtonProps: { danger: true },
        onOk: () => disable.mutateAsync(user).catch(() => undefined),
      }),
    confirmEnable: (user: User) =>
      modal.confirm({
        title: t('users.enable'),
        content: t('users.confirmEnable', { name: user.displayName }),
        onOk: () => enable.mutateAsync(user).catch(() => undefined),
      }),
    confirmReset: (user: User) =>
      modal.confirm({
        title: t('users.resetPassword'),
        content: t('users.confirmReset', { name: user.displayName }),
        onOk: () => reset.mutateAsync(user).catch(() => undefined),
      }),
  };
}
