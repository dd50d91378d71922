import { APPROVAL_SUBJECT_TYPES, type ApprovalSubjectType } from '@liaison/contracts';
import { useQuery } from '@tanstack/react-query';
import { Card, Skeleton, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { listApprovalTemplates } from '../../api/approvals.ts';
import { queryKeys } from '../../api/keys.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';
import '../../components/approvals/approvals.css';

function isSubjectType(value: string | null): value is ApprovalSubjectType {
  return (APPROVAL_SUBJECT_TYPES as readonly (string | null)[]).includes(value);
}

/** 审批模板: for each kind of subject, who approves it in which order, and who is told. */
export default function ApprovalTemplatesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const active: ApprovalSubjectType = isSubjectType(params.get('type'))
    ? (params.get('type') as ApprovalSubjectType)
    : 'announcement';
  const query = useQuery({ queryKey: queryKeys.approvals.templates, queryFn: listApprovalTemplates });
  const templates = new Map((query.data?.items ?? []).map((template) => [template.subjectType, template]));

  return (
    <div data-testid="approval-templates-page">
      <PageHeader title={t('approvals.templates.title')} subtitle={t('approvals.templates.subtitle')} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        {query.isLoading ? (
          <Skeleton active />
        ) : (
          <Tabs
            activeKey={active}
            onChange={(key) => setParams({ type: key }, { replace: true })}
            destroyOnHidden
            items={APPROVAL_SUBJECT_TYPES.map((type) => ({
              key: type,
              label: t(`approvals.subjectTypes.${type}`),
              children: <TemplateEditor subjectType={type} template={templates.get(type)} />,
            }))}
          />
        )}
      </Card>
    </div>
  );
}
