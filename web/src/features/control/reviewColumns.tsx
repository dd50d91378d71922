import type { ControlEvent } from '@liaison/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { formatDateTime, fromNow } from '../../app/format.ts';
import { ActionTag, OutcomeTag, StatusTag } from './ControlTags.tsx';

export function reviewColumns(
  t: TFunction,
  onOpen: (event: ControlEvent) => void,
): TableColumnsType<ControlEvent> {
  return [
    {
      title: t('control.review.at'),
      dataIndex: 'at',
      width: 160,
      render: (at: string) => (
        <Tooltip title={fromNow(at)}>
          <span>{formatDateTime(at)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('control.review.sender'),
      key: 'sender',
      width: 110,
      ellipsis: true,
      render: (_, e) => e.sender?.displayName ?? '—',
    },
    {
      title: t('control.review.where'),
      key: 'where',
      width: 240,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <span>{e.channel?.name ?? '—'}</span>
          {e.counterparty ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('control.directions.external')} · {e.counterparty.name}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`control.directions.${e.direction}`)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('control.review.rules'),
      key: 'rules',
      render: (_, e) => (
        <Space size={[4, 4]} wrap>
          {e.matches.map((m) => (
            <Tooltip key={`${m.policyId}:${m.ruleId}`} title={m.policyName}>
              <Tag variant="filled">
                {m.ruleName}
                {m.test && ` · ${t('control.modes.test')}`}
              </Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
    {
      title: t('control.review.action'),
      dataIndex: 'action',
      width: 100,
      render: (_, e) => <ActionTag action={e.action} />,
    },
    {
      title: t('control.review.outcome'),
      dataIndex: 'outcome',
      width: 100,
      render: (_, e) => <OutcomeTag outcome={e.outcome} />,
    },
    {
      title: t('control.review.status'),
      dataIndex: 'status',
      width: 100,
      render: (_, e) => <StatusTag status={e.status} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, e) => (
        <Button
          type="link"
          size="small"
          onClick={(event) => {
            event.stopPropagation();
            onOpen(e);
          }}
        >
          {e.status === 'pending' || e.status === 'open' ? t('control.review.handle') : t('common.view')}
        </Button>
      ),
    },
  ];
}
