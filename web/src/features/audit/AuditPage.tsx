import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditEntry, AuditVerification } from '@liaison/contracts';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, Button, Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditFilters, exportAudit, listAudit, verifyAudit } from '../../api/audit.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { AuditDetails } from '../../components/auditView.tsx';
import { type ListColumn, ListPage } from '../../components/list/ListPage.tsx';
import type { FieldSpec } from '../../components/list/listQuery.ts';
import { useListState } from '../../components/list/useListState.ts';
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

const FIELDS: FieldSpec<AuditFilters> = {
  actorId: 'string',
  action: 'string',
  targetType: 'string',
  targetId: 'string',
  from: 'string',
  to: 'string',
};
const DEFAULTS = { filters: {} as AuditFilters };

export default function AuditPage() {
  const { t } = useTranslation();
  const showError = useApiError();
  const list = useListState(FIELDS, DEFAULTS);
  // The action box is free text: it writes the URL in place, and the query waits until typing pauses.
  const applied = useDebounced(list.filters, 350);
  const columns = useMemo(() => auditColumns(t) as ListColumn<AuditEntry>[], [t]);

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

  return (
    <ListPage
      title={t('audit.title')}
      subtitle={t('audit.subtitle')}
      actions={
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      }
      onExport={() => exportAudit(applied)}
      exportTestId="audit-export"
      banner={verify.data && <VerificationResult result={verify.data} onClose={() => verify.reset()} />}
      filters={
        <AuditFilterBar value={list.filters} onChange={(next) => list.setFilters(next, { replace: true })} />
      }
      state={list}
      columns={columns}
      rows={entries}
      loading={query.isLoading}
      rowKey="id"
      testId="audit-table"
      scrollX={1100}
      expandable={{ expandedRowRender: (entry) => <AuditDetails entry={entry} /> }}
      footer={
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
      }
    />
  );
}
