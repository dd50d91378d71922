import type { AuditEntry } from '@liaison/contracts';
import { Descriptions, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Change, fieldName, splitSummary, valueText } from '../shared/auditText.ts';

export function actionColor(action: string): string {
  if (/failed|lockout|revoked|deleted|disabled/.test(action)) return 'red';
  if (/created|added|bootstrap|succeeded/.test(action)) return 'green';
  if (/changed|updated|reset|removed/.test(action)) return 'orange';
  if (/viewed/.test(action)) return 'purple';
  return 'blue';
}

/** The record's own name as the event summary carries it, so the log reads without looking ids up. */
export function targetName(summary: Record<string, unknown>): string | null {
  for (const key of ['displayName', 'name', 'username']) {
    const value = summary[key];
    if (typeof value === 'string' && value) return value;
    if (typeof value === 'object' && value !== null && 'to' in value && typeof value.to === 'string')
      return value.to;
  }
  return null;
}

export function AuditDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const { changes, facts } = splitSummary(entry.summary);
  return (
    <Flex vertical gap={12} style={{ padding: '4px 0' }}>
      {changes.length > 0 && (
        <Table<Change>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={changes}
          columns={[
            {
              title: t('audit.field'),
              dataIndex: 'field',
              width: 180,
              render: (field: string) => fieldName(t, field),
            },
            {
              title: t('audit.from'),
              dataIndex: 'from',
              render: (v: unknown, change) => (
                <Typography.Text delete>{valueText(t, change.field, v)}</Typography.Text>
              ),
            },
            {
              title: t('audit.to'),
              dataIndex: 'to',
              render: (v: unknown, change) => (
                <Typography.Text strong>{valueText(t, change.field, v)}</Typography.Text>
              ),
            },
          ]}
        />
      )}
      {facts.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={1}
          data-testid="audit-facts"
          items={facts.map(([field, value]) => ({
            key: field,
            label: fieldName(t, field),
            children: valueText(t, field, value),
          }))}
        />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        title={t('audit.details')}
        items={[
          { key: 'seq', label: t('audit.seq'), children: entry.seq },
          { key: 'requestId', label: t('audit.requestId'), children: entry.requestId ?? '—' },
          {
            key: 'hash',
            label: t('audit.hash'),
            children: (
              <Typography.Text code copyable ellipsis style={{ maxWidth: 240 }}>
                {entry.hash}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Flex>
  );
}
