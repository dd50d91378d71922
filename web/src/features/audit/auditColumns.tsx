import type { AuditEntry } from '@liaison/contracts';
import type { TableColumnsType } from 'antd';
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { formatDateTimeSeconds, fromNow } from '../../app/format.ts';
import { actionColor, targetName } from '../../components/auditView.tsx';
import { actionName } from '../../components/labels.ts';
import { summaryPreview, targetTypeName } from '../../shared/auditText.ts';

export function auditColumns(t: TFunction): TableColumnsType<AuditEntry> {
  return [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 180,
      render: (at: string) => (
        <Tooltip title={fromNow(at)}>
          <span>{formatDateTimeSeconds(at)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actor',
      width: 140,
      ellipsis: true,
      render: (actor: AuditEntry['actor']) =>
        actor.name ? (
          <Tooltip title={actor.label}>
            <span>{actor.name}</span>
          </Tooltip>
        ) : (
          actor.label
        ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 200,
      render: (action: string) => <Tag color={actionColor(action)}>{actionName(t, action)}</Tag>,
    },
    {
      title: t('audit.target'),
      key: 'target',
      width: 200,
      render: (_: unknown, entry) =>
        entry.targetType ? (
          <Space orientation="vertical" size={0}>
            <span>
              {targetTypeName(t, entry.targetType)}
              {targetName(entry.summary) && ` · ${targetName(entry.summary)}`}
            </span>
            {entry.targetId && (
              <Typography.Text type="secondary" copyable={{ text: entry.targetId }} style={{ fontSize: 12 }}>
                {entry.targetId.slice(0, 8)}…
              </Typography.Text>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 120, render: (ip: string | null) => ip ?? '—' },
    {
      title: t('audit.summary'),
      key: 'summary',
      ellipsis: true,
      render: (_: unknown, entry) => {
        const preview = summaryPreview(t, entry.summary);
        return preview ? <Typography.Text type="secondary">{preview}</Typography.Text> : '—';
      },
    },
  ];
}
