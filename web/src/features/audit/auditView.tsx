import type { AuditEntry } from '@liaison/contracts';
import { Descriptions, Flex, Table, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

export function actionColor(action: string): string {
  if (/failed|lockout|revoked|deleted|disabled/.test(action)) return 'red';
  if (/created|added|bootstrap|succeeded/.test(action)) return 'green';
  if (/changed|updated|reset|removed/.test(action)) return 'orange';
  if (/viewed/.test(action)) return 'purple';
  return 'blue';
}

const TARGET_TYPES = [
  'user',
  'department',
  'team',
  'role',
  'session',
  'token',
  'system',
  'control_event',
  'control_policy',
  'control_detector',
  'external_records',
  'anomaly_alert',
  'address',
] as const;

export function targetTypeName(t: TFunction, type: string | null): string | null {
  if (!type) return null;
  const known = TARGET_TYPES.find((candidate) => candidate === type);
  return known ? t(`targetTypes.${known}`) : type;
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

interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

/** Updates are recorded as field → { from, to }; everything else is a small description. */
export function splitSummary(summary: Record<string, unknown>): {
  changes: Change[];
  facts: [string, unknown][];
} {
  const changes: Change[] = [];
  const facts: [string, unknown][] = [];
  for (const [field, value] of Object.entries(summary)) {
    if (typeof value === 'object' && value !== null && ('from' in value || 'to' in value)) {
      const { from, to } = value as { from?: unknown; to?: unknown };
      changes.push({ field, from, to });
    } else {
      facts.push([field, value]);
    }
  }
  return { changes, facts };
}

export function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** One line for the table cell: the changed fields, or the first facts. */
export function summaryPreview(summary: Record<string, unknown>): string {
  const { changes, facts } = splitSummary(summary);
  const parts = [
    ...changes.map((change) => `${change.field}: ${show(change.from)} → ${show(change.to)}`),
    ...facts.map(([key, value]) => `${key}: ${show(value)}`),
  ];
  return parts.join('; ');
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
              render: (v: string) => <code>{v}</code>,
            },
            {
              title: t('audit.from'),
              dataIndex: 'from',
              render: (v: unknown) => <Typography.Text delete>{show(v)}</Typography.Text>,
            },
            {
              title: t('audit.to'),
              dataIndex: 'to',
              render: (v: unknown) => <Typography.Text strong>{show(v)}</Typography.Text>,
            },
          ]}
        />
      )}
      {facts.length > 0 && (
        <pre className="liaison-json">{JSON.stringify(Object.fromEntries(facts), null, 2)}</pre>
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
