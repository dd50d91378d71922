import { BarChartOutlined, EditOutlined } from '@ant-design/icons';
import type { Announcement } from '@liaison/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Space, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { AnnouncementStatusTag, CategoryTag, ImportanceTag, PinnedMark } from './AnnouncementTags.tsx';

/** 我发布的: what the publisher wrote or owns, with where each stands and what may be done next. */
export function managedColumns(
  t: TFunction,
  navigate: (path: string) => void,
): TableColumnsType<Announcement> {
  return [
    {
      title: t('announcements.field.title'),
      key: 'title',
      render: (_, a) => (
        <Space size={4} wrap>
          <PinnedMark pinned={a.pinned} />
          <Link to={`/announcements/${a.id}`} data-testid="managed-title-link">
            {a.title}
          </Link>
          <ImportanceTag importance={a.importance} />
        </Space>
      ),
    },
    {
      title: t('announcements.field.category'),
      key: 'category',
      width: 110,
      render: (_, a) => <CategoryTag category={a.category} />,
    },
    {
      title: t('announcements.field.status'),
      key: 'status',
      width: 100,
      render: (_, a) => <AnnouncementStatusTag status={a.status} />,
    },
    {
      title: t('announcements.field.publishingDepartment'),
      key: 'department',
      width: 130,
      render: (_, a) => a.publishingDepartment.name,
    },
    {
      title: t('announcements.field.owner'),
      key: 'owner',
      width: 100,
      render: (_, a) => a.owner.displayName,
    },
    {
      title: t('announcements.field.effectiveAt'),
      key: 'effectiveAt',
      width: 150,
      render: (_, a) => formatDateTime(a.effectiveAt),
    },
    {
      title: t('announcements.field.recipients'),
      key: 'recipients',
      width: 90,
      align: 'right',
      render: (_, a) =>
        a.status === 'draft' || a.status === 'in_approval' || a.status === 'returned' ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          a.recipientCount
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, a) => (
        <Space size={0}>
          {a.can.edit && (
            <Tooltip title={t('common.edit')}>
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                aria-label={t('common.edit')}
                onClick={() => navigate(`/announcements/${a.id}/edit`)}
              />
            </Tooltip>
          )}
          {a.can.stats && (a.status === 'published' || a.status === 'expired') && (
            <Tooltip title={t('announcements.stats.action')}>
              <Button
                type="link"
                size="small"
                icon={<BarChartOutlined />}
                aria-label={t('announcements.stats.action')}
                onClick={() => navigate(`/announcements/${a.id}/stats`)}
                data-testid="managed-stats"
              />
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];
}
