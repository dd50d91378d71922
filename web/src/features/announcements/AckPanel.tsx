import { CheckCircleOutlined } from '@ant-design/icons';
import type { AnnouncementDetail } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { acknowledgeAnnouncement } from '../../api/announcements.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { ackOverdue } from '../../shared/announcementText.ts';

/** 确认已读: the deadline, then the button; once given, when it was given. */
export function AckPanel({ announcement: a }: { announcement: AnnouncementDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const ack = useMutation({
    mutationFn: () => acknowledgeAnnouncement(a.id),
    onSuccess: ({ ackedAt }) => {
      queryClient.setQueryData<AnnouncementDetail>(queryKeys.announcements.detail(a.id), (old) =>
        old ? { ...old, me: { ...old.me, ackedAt, readAt: old.me.readAt ?? ackedAt } } : old,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.announcements.lists });
      message.success(t('announcements.read.acknowledged'));
    },
    onError: (error) => showError(error),
  });
  if (!a.requiresAck || !a.me.recipient || a.status !== 'published') return null;
  const acked = a.me.ackedAt !== null;
  const overdue = ackOverdue(a, new Date());
  return (
    <Alert
      type={acked ? 'success' : overdue ? 'error' : 'warning'}
      showIcon
      style={{ marginTop: 24 }}
      data-testid="announcement-ack-panel"
      title={
        acked
          ? t('announcements.read.ackedAt', { at: formatDateTime(a.me.ackedAt) })
          : t('announcements.read.ackRequired')
      }
      description={
        !acked && a.ackDeadline
          ? t(overdue ? 'announcements.read.ackOverdue' : 'announcements.read.ackDeadline', {
              at: formatDateTime(a.ackDeadline),
            })
          : undefined
      }
      action={
        <Button
          type="primary"
          icon={<CheckCircleOutlined />}
          disabled={acked}
          loading={ack.isPending}
          onClick={() => ack.mutate()}
          data-testid="announcement-ack"
        >
          {acked ? t('announcements.read.acked') : t('announcements.read.ack')}
        </Button>
      }
    />
  );
}
