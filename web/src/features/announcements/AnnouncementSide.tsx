import type { AnnouncementDetail } from '@liaison/contracts';
import { Card, Descriptions, Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { AnnouncementStatusTag } from './AnnouncementTags.tsx';

/** Who published it, when it applies, and (for its publishers) its status and reach. */
export function AnnouncementFacts({ announcement: a }: { announcement: AnnouncementDetail }) {
  const { t } = useTranslation();
  const published = a.status === 'published' || a.status === 'expired';
  return (
    <Card>
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'department',
            label: t('announcements.field.publishingDepartment'),
            children: a.publishingDepartment.name,
          },
          { key: 'owner', label: t('announcements.field.owner'), children: a.owner.displayName },
          {
            key: 'effective',
            label: t('announcements.field.effectiveAt'),
            children: formatDateTime(a.effectiveAt),
          },
          {
            key: 'expires',
            label: t('announcements.field.expiresAt'),
            children: a.expiresAt ? formatDateTime(a.expiresAt) : t('announcements.read.noExpiry'),
          },
          ...(a.requiresAck
            ? [
                {
                  key: 'deadline',
                  label: t('announcements.field.ackDeadline'),
                  children: formatDateTime(a.ackDeadline),
                },
              ]
            : []),
          ...(a.can.stats || a.can.edit
            ? [
                {
                  key: 'status',
                  label: t('announcements.field.status'),
                  children: <AnnouncementStatusTag status={a.status} />,
                },
                ...(published
                  ? [
                      {
                        key: 'recipients',
                        label: t('announcements.field.recipients'),
                        children: t('announcements.read.recipients', { count: a.recipientCount }),
                      },
                    ]
                  : []),
                {
                  key: 'createdBy',
                  label: t('announcements.field.createdBy'),
                  children: a.createdBy.displayName,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** 修订记录: every revision, newest first, with the note that explains a correction. */
export function RevisionsCard({ announcement: a }: { announcement: AnnouncementDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={t('announcements.read.revisions')} size="small" data-testid="announcement-revisions">
      {a.revisions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('announcements.read.noRevisions')} />
      ) : (
        <Timeline
          items={[...a.revisions]
            .sort((x, y) => y.revision - x.revision)
            .map((revision) => ({
              key: revision.revision,
              color: revision.revision === a.revision ? 'blue' : 'gray',
              content: (
                <div>
                  <Typography.Text strong>
                    {t('announcements.read.revision', { revision: revision.revision })}
                  </Typography.Text>{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {revision.editor.displayName} · {formatDateTime(revision.createdAt)}
                  </Typography.Text>
                  {revision.note && <div style={{ marginTop: 2 }}>{revision.note}</div>}
                  {revision.title !== a.title && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {revision.title}
                    </Typography.Text>
                  )}
                </div>
              ),
            }))}
        />
      )}
    </Card>
  );
}
