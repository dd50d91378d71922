import type { Approval } from '@liaison/contracts';
import type { TableColumnsType } from 'antd';
import { Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { formatDateTime } from '../../app/format.ts';
import { ApprovalStatusTag, SubjectTypeTag } from '../../components/approvals/ApprovalTags.tsx';

/** The inbox rows: what is asked, by whom, where it stands. */
export function approvalColumns(t: TFunction): TableColumnsType<Approval> {
  return [
    {
      title: t('approvals.field.title'),
      key: 'title',
      render: (_, a) => (
        <Space size={4} wrap>
          <Typography.Text strong={a.can.decide} data-testid="approval-title">
            {a.title}
          </Typography.Text>
          {a.round > 1 && <Tag>{t('approvals.detail.round', { round: a.round })}</Tag>}
        </Space>
      ),
    },
    {
      title: t('approvals.field.subjectType'),
      key: 'subjectType',
      width: 120,
      render: (_, a) => <SubjectTypeTag type={a.subjectType} />,
    },
    {
      title: t('approvals.field.requester'),
      key: 'requester',
      width: 110,
      render: (_, a) => a.requester.displayName,
    },
    {
      title: t('approvals.field.status'),
      key: 'status',
      width: 100,
      render: (_, a) => <ApprovalStatusTag status={a.status} />,
    },
    {
      title: t('approvals.field.createdAt'),
      key: 'createdAt',
      width: 150,
      render: (_, a) => formatDateTime(a.createdAt),
    },
    {
      title: t('approvals.field.updatedAt'),
      key: 'updatedAt',
      width: 150,
      render: (_, a) => formatDateTime(a.finishedAt ?? a.updatedAt),
    },
  ];
}
