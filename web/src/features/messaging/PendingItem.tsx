import { ExclamationCircleFilled, LoadingOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { FileChip } from '../../components/Attachments.tsx';
import { UserAvatar } from '../../components/Avatars.tsx';
import {
  cancelMessage,
  confirmMessage,
  discardMessage,
  type PendingMessage,
  retryMessage,
} from './outbox.ts';
import { PolicyConfirmModal } from './PolicyConfirmModal.tsx';

/**
 * A message not yet confirmed by the server: greyed while sending, red with retry when it failed,
 * and waiting (with the policy's question open) when a communication policy asks the sender.
 */
export function PendingItem({ entry }: { entry: PendingMessage }) {
  const { t } = useTranslation();
  const me = useMe();
  const failed = entry.status === 'failed';
  const asking = entry.status === 'confirm' && entry.refusal !== null;
  return (
    <div
      className={`lia-msg lia-msg-pending${failed ? ' lia-msg-failed' : ''}${asking ? ' lia-msg-asking' : ''}`}
      data-testid="message-pending"
      data-status={entry.status}
    >
      <div className="lia-msg-gutter">
        <UserAvatar user={me.user} />
      </div>
      <div className="lia-msg-main">
        <div className="lia-msg-head">
          <span className="lia-msg-author">{me.user.displayName}</span>
          {failed ? (
            <Tooltip title={entry.error}>
              <span className="lia-msg-failed-note">
                <ExclamationCircleFilled /> {t('messaging.message.failed')}
              </span>
            </Tooltip>
          ) : asking ? (
            <span className="lia-msg-asking-note">
              <SafetyCertificateOutlined /> {t('messaging.control.waiting')}
            </span>
          ) : (
            <span className="lia-msg-time">
              <LoadingOutlined /> {t('messaging.message.sending')}
            </span>
          )}
        </div>
        {entry.body && <div className="lia-msg-content lia-pending-body">{entry.body}</div>}
        {entry.attachments.map((a) => (
          <FileChip key={a.id} attachment={a} extra={<span />} />
        ))}
        {failed && (
          <Space size={4} style={{ marginTop: 4 }}>
            <Button
              size="small"
              type="primary"
              ghost
              onClick={() => retryMessage(entry.localId)}
              data-testid="pending-retry"
            >
              {t('messaging.message.retry')}
            </Button>
            <Button size="small" onClick={() => discardMessage(entry.localId)}>
              {t('messaging.message.discard')}
            </Button>
          </Space>
        )}
      </div>
      {asking && entry.refusal && (
        <PolicyConfirmModal
          refusal={entry.refusal}
          onConfirm={(justification) => confirmMessage(entry.localId, justification)}
          onCancel={() => cancelMessage(entry.localId)}
        />
      )}
    </div>
  );
}
