import { ArrowRightOutlined } from '@ant-design/icons';
import type { DeptRequest } from '@liaison/contracts';
import type { TableColumnsType } from 'antd';
import { Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { EscalationTag, RequestPriorityTag, RequestStatusTag, ResponseDue } from './RequestTags.tsx';
import { requestNumber } from './requestText.ts';

export function requestColumns(t: TFunction, now: Date): TableColumnsType<DeptRequest> {
  return [
    {
      title: t('requests.field.number'),
      key: 'number',
      width: 80,
      render: (_, r) => <Link to={`/requests/${r.id}`}>{requestNumber(r)}</Link>,
    },
    {
      title: t('requests.field.title'),
      key: 'title',
      render: (_, r) => (
        <Space size={4} wrap>
          <Link to={`/requests/${r.id}`} data-testid="request-title-link">
            {r.title}
          </Link>
          <RequestPriorityTag priority={r.priority} />
        </Space>
      ),
    },
    {
      title: `${t('requests.field.from')} → ${t('requests.field.to')}`,
      key: 'departments',
      width: 180,
      render: (_, r) => (
        <span>
          {r.fromDepartment.name} <ArrowRightOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />{' '}
          {r.toDepartment.name}
        </span>
      ),
    },
    {
      title: t('requests.field.raisedBy'),
      key: 'raisedBy',
      width: 100,
      render: (_, r) => r.raisedBy.displayName,
    },
    {
      title: t('requests.field.handler'),
      key: 'handler',
      width: 100,
      render: (_, r) =>
        r.handler?.displayName ?? (
          <Typography.Text type="secondary">{t('requests.detail.notHandled')}</Typography.Text>
        ),
    },
    {
      title: t('requests.field.status'),
      key: 'status',
      width: 180,
      render: (_, r) => (
        <Space size={[0, 4]} wrap>
          <RequestStatusTag status={r.status} />
          <EscalationTag level={r.escalationLevel} />
        </Space>
      ),
    },
    {
      title: t('requests.field.responseDue'),
      key: 'due',
      width: 160,
      render: (_, r) => <ResponseDue request={r} now={now} />,
    },
    {
      title: t('requests.field.createdAt'),
      key: 'createdAt',
      width: 140,
      render: (_, r) => formatDateTime(r.createdAt),
    },
  ];
}
