import type { Message } from '@liaison/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Modal, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { messageHistory } from '../../api/messages.ts';
import { formatDateTimeSeconds } from '../../app/format.ts';

const KIND_COLOUR = { original: 'blue', edit: 'orange', delete: 'red', redact: 'purple' } as const;

/** 查看原文与修改记录: the original text and every edit or deletion (compliance officers only). */
export function HistoryModal({ message, onClose }: { message: Message | null; onClose: () => void }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: queryKeys.messages.history(message?.channelId ?? '', message?.id ?? ''),
    queryFn: () => messageHistory(message!.channelId, message!.id),
    enabled: message !== null,
    // Every view is audited on the server; do not re-fetch it behind the user's back.
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <Modal
      open={message !== null}
      title={t('messaging.history.title')}
      footer={null}
      onCancel={onClose}
      width={640}
    >
      <Alert type="info" showIcon title={t('messaging.history.notice')} style={{ marginBottom: 16 }} />
      {history.isLoading && <Spin />}
      {history.data && (
        <Timeline
          data-testid="message-history"
          items={history.data.revisions.map((revision, index) => ({
            key: index,
            color: KIND_COLOUR[revision.kind],
            content: (
              <div>
                <div style={{ marginBottom: 4 }}>
                  <Tag color={KIND_COLOUR[revision.kind]}>
                    {t(`messaging.history.kinds.${revision.kind}`)}
                  </Tag>
                  <Typography.Text type="secondary">
                    {formatDateTimeSeconds(revision.at)} · {t('messaging.history.by')}{' '}
                    {revision.editedBy?.displayName ??
                      (revision.kind === 'redact' ? t('messaging.history.byPolicy') : '—')}
                  </Typography.Text>
                </div>
                {revision.reason && (
                  <Typography.Text type="danger">
                    {t('messaging.history.reason', { reason: revision.reason })}
                  </Typography.Text>
                )}
                <pre className="lia-history-body">{revision.body || t('messaging.history.empty')}</pre>
              </div>
            ),
          }))}
        />
      )}
    </Modal>
  );
}
