import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditEntry, AuditVerification } from '@liaison/contracts';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditFilters, exportAudit, listAudit, verifyAudit } from '../../api/audit.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { AuditDetails } from '../../components/auditView.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { AuditFilterBar } from './AuditFilterBar.tsx';
import { auditColumns } from './auditColumns.tsx';

const PAGE_SIZE = 50;

function VerificationResult({ result, onClose }: { result: AuditVerification; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      data-testid="audit-verify-result"
      style={{ marginBottom: 16 }}
      showIcon
      closable={{ onClose }}
      type={result.ok ? 'success' : 'error'}
      title={result.ok ? t('audit.verifyOkTitle') : t('audit.verifyBrokenTitle')}
      description={
        result.ok || !result.firstBroken
          ? t('audit.verifyOk', { count: result.checked })
          : t('audit.verifyBroken', {
              seq: result.firstBroken.seq,
              reason: result.firstBroken.reason,
              count: result.checked,
            })
      }
    />
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const showError = useApiError();
  const [filters, setFilters] = useState<AuditFilters>({});
  // The action box is free text; wait until typing pauses instead of querying every prefix.
  const applied = useDebounced(filters, 350);
  const columns = useMemo(() => auditColumns(t), [t]);

  const query = useInfiniteQuery({
    queryKey: queryKeys.audit.list(applied),
    queryFn: ({ pageParam }) => listAudit(applied, pageParam, PAGE_SIZE),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries: AuditEntry[] = useMemo(
    () => query.data?.pages.flatMap((page) => page.items) ?? [],
    [query.data],
  );

  const verify = useMutation({ mutationFn: verifyAudit, onError: (error) => showError(error) });
  const download = useMutation({
    mutationFn: () => exportAudit(applied),
    onError: (error) => showError(error),
  });

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <>
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={download.isPending}
              onClick={() => download.mutate()}
              data-testid="audit-export"
            >
              {t('common.export')}
            </Button>
          </>
        }
      />
      {verify.data && <VerificationResult result={verify.data} onClose={() => verify.reset()} />}
      <Card>
        <AuditFilterBar value={filters} onChange={setFilters} />
        <Table<AuditEntry>
          data-testid="audit-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={entries}
          loading={query.isLoading}
          pagination={false}
          scroll={{ x: 1100 }}
          expandable={{ expandedRowRender: (entry) => <AuditDetails entry={entry} /> }}
        />
        <Flex justify="center" align="center" gap={16} style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t('audit.shown', { count: entries.length })}</Typography.Text>
          {query.hasNextPage ? (
            <Button
              onClick={() => void query.fetchNextPage()}
              loading={query.isFetchingNextPage}
              data-testid="audit-load-more"
            >
              {t('audit.loadMore')}
            </Button>
          ) : (
            entries.length > 0 && <Typography.Text type="secondary">{t('audit.noMore')}</Typography.Text>
          )}
        </Flex>
      </Card>
    </>
  );
}
