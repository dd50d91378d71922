import { PushpinFilled } from '@ant-design/icons';
import type { Announcement, AnnouncementImportance, AnnouncementStatus } from '@liaison/contracts';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { categoryName, IMPORTANCE_COLOUR, needsAck, STATUS_COLOUR } from '../../shared/announcementText.ts';

export function AnnouncementStatusTag({ status }: { status: AnnouncementStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="announcement-status" data-status={status}>
      {t(`announcements.statuses.${status}`)}
    </Tag>
  );
}

/** 重要 / 重大 in colour; 一般 only where asked (a table column), since it is the usual case. */
export function ImportanceTag({
  importance,
  showNormal = false,
}: {
  importance: AnnouncementImportance;
  showNormal?: boolean;
}) {
  const { t } = useTranslation();
  if (importance === 'normal' && !showNormal) return null;
  return (
    <Tag color={IMPORTANCE_COLOUR[importance]} variant="outlined" data-testid="announcement-importance">
      {t(`announcements.importance.${importance}`)}
    </Tag>
  );
}

export function CategoryTag({ category }: { category: Announcement['category'] }) {
  const { t } = useTranslation();
  return (
    <Tag color="blue" data-testid="announcement-category">
      {categoryName(t, category)}
    </Tag>
  );
}

/** 需确认: the reader must still confirm having read it (with the deadline on hover). */
export function AckBadge({
  announcement,
}: {
  announcement: Pick<Announcement, 'requiresAck' | 'me' | 'ackDeadline'>;
}) {
  const { t } = useTranslation();
  if (!needsAck(announcement)) return null;
  return (
    <Tooltip
      title={
        announcement.ackDeadline
          ? t('announcements.read.ackDeadline', { at: formatDateTime(announcement.ackDeadline) })
          : undefined
      }
    >
      <Tag color="volcano" data-testid="announcement-needs-ack">
        {t('announcements.feed.needsAck')}
      </Tag>
    </Tooltip>
  );
}

export function PinnedMark({ pinned }: { pinned: boolean }) {
  const { t } = useTranslation();
  if (!pinned) return null;
  return (
    <Tooltip title={t('announcements.field.pinned')}>
      <PushpinFilled style={{ color: '#fa541c' }} data-testid="announcement-pinned" />
    </Tooltip>
  );
}
