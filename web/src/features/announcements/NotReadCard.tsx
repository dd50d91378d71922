import { BellOutlined } from '@ant-design/icons';
import type { AnnouncementStats } from '@liaison/contracts';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Flex, Segmented, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  listNotRead,
  type NotReadEntry,
  type ReminderTarget,
  remindReaders,
} from '../../api/announcements.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { serverPaging } from '../../components/pagination.ts';

/**
 * 未读名单: who has not read (or not acknowledged) it yet, by department, and the reminders that
 * nudge them through the notification center.
 */
export function NotReadCard({
  announcementId,
  stats,
  requiresAck,
  departmentId,
  onDepartmentChange,
}: {
  announcementId: string;
  stats: AnnouncementStats;
  requiresAck: boolean;
  departmentId: string | null;
  onDepartmentChange: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [which, setWhich] = useState<ReminderTarget>('unread');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = useQuery({
    queryKey: queryKeys.announcements.notRead(
      announcementId,
      which,
      departmentId,
      paging.page,
      paging.pageSize,
    ),
    queryFn: () =>
      listNotRead(
        announcementId,
        { which, departmentId: departmentId ?? undefined },
        paging.page,
        paging.pageSize,
      ),
    placeholderData: keepPreviousData,
  });
  const remind = useMutation({
    mutationFn: (target: ReminderTarget) =>
      remindReaders(announcementId, { which: target, departmentId: departmentId ?? undefined }),
    onSuccess: ({ reminded }) => message.success(t('announcements.stats.reminded', { count: reminded })),
    onError: (error) => showError(error),
  });
  const department = stats.departments.find((d) => d.department?.id === departmentId)?.department?.name;
  const confirmRemind = (target: ReminderTarget) =>
    modal.confirm({
      title: t(
        target === 'unread'
          ? 'announcements.stats.remindUnreadConfirm'
          : 'announcements.stats.remindUnackedConfirm',
        {
          scope: department ?? t('announcements.stats.allDepartments'),
        },
      ),
      content: t('announcements.stats.remindHint'),
      onOk: () => remind.mutateAsync(target).catch(() => undefined),
    });

  const columns: TableColumnsType<NotReadEntry> = [
    { title: t('announcements.stats.person'), key: 'user', render: (_, e) => e.user.displayName },
    {
      title: t('announcements.stats.department'),
      key: 'department',
      render: (_, e) => e.department?.name ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('announcements.stats.readAt'),
      key: 'readAt',
      width: 170,
      render: (_, e) =>
        e.readAt ? (
          formatDateTime(e.readAt)
        ) : (
          <Typography.Text type="danger">{t('announcements.stats.notRead')}</Typography.Text>
        ),
    },
    ...(requiresAck
      ? [
          {
            title: t('announcements.stats.ackedAt'),
            key: 'ackedAt',
            width: 170,
            render: (_: unknown, e: NotReadEntry) =>
              e.ackedAt ? (
                formatDateTime(e.ackedAt)
              ) : (
                <Typography.Text type="warning">{t('announcements.stats.notAcked')}</Typography.Text>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('announcements.stats.notReadTitle')}
      data-testid="not-read-card"
      extra={
        <Flex gap={8} wrap>
          <Button
            icon={<BellOutlined />}
            onClick={() => confirmRemind('unread')}
            disabled={stats.totals.read >= stats.totals.recipients}
            data-testid="remind-unread"
          >
            {t('announcements.stats.remindUnread')}
          </Button>
          {requiresAck && (
            <Button
              icon={<BellOutlined />}
              onClick={() => confirmRemind('unacknowledged')}
              disabled={stats.totals.acknowledged >= stats.totals.recipients}
              data-testid="remind-unacked"
            >
              {t('announcements.stats.remindUnacked')}
            </Button>
          )}
        </Flex>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        {requiresAck && (
          <Segmented
            value={which}
            onChange={(value) => {
              setWhich(value as ReminderTarget);
              setPaging((current) => ({ ...current, page: 1 }));
            }}
            options={[
              { value: 'unread', label: t('announcements.stats.unreadList') },
              { value: 'unacknowledged', label: t('announcements.stats.unackedList') },
            ]}
            data-testid="not-read-which"
          />
        )}
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('announcements.stats.allDepartments')}
          value={departmentId ?? undefined}
          onChange={(id: string | undefined) => {
            onDepartmentChange(id ?? null);
            setPaging((current) => ({ ...current, page: 1 }));
          }}
          options={stats.departments.flatMap((d) =>
            d.department ? [{ value: d.department.id, label: d.department.name }] : [],
          )}
        />
      </Flex>
      <Table<NotReadEntry>
        data-testid="not-read-table"
        rowKey={(e) => e.user.id}
        size="small"
        columns={columns}
        dataSource={query.data?.items}
        loading={query.isFetching}
        locale={{
          emptyText: t(
            which === 'unread' ? 'announcements.stats.everyoneRead' : 'announcements.stats.everyoneAcked',
          ),
        }}
        {...serverPaging(paging, setPaging, query.data?.total ?? 0, t)}
      />
    </Card>
  );
}
