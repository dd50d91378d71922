import { Button, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { SecretBox } from '../../components/SecretBox.tsx';

export interface TemporaryPassword {
  name: string;
  password: string;
}

/** Closing is deliberate (no mask click): the password cannot be shown again. */
export function TemporaryPasswordModal({
  value,
  onClose,
}: {
  value: TemporaryPassword | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={value !== null}
      title={t('users.tempPasswordTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
      data-testid="temporary-password-modal"
    >
      {value && (
        <SecretBox notice={t('users.tempPasswordNotice', { name: value.name })} secret={value.password} />
      )}
    </Modal>
  );
}
