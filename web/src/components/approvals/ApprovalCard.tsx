import { Card, Flex, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApproval } from '../../shared/queries/approvals.ts';
import { ApprovalActions } from './ApprovalActions.tsx';
import { ApprovalStatusTag } from './ApprovalTags.tsx';
import { ApprovalTimeline } from './ApprovalTimeline.tsx';

/**
 * The approval of a subject (an announcement, …) on the subject's own page: its steps and history,
 * and the decision buttons for whoever's turn it is. Nothing shows if the reader may not see it.
 */
export function ApprovalCard({ approvalId }: { approvalId: string }) {
  const { t } = useTranslation();
  const query = useApproval(approvalId);
  if (query.isLoading)
    return (
      <Card title={t('approvals.detail.flow')}>
        <Skeleton active />
      </Card>
    );
  const approval = query.data;
  if (!approval) return null;
  return (
    <Card
      title={t('approvals.detail.flow')}
      extra={<ApprovalStatusTag status={approval.status} />}
      data-testid="approval-card"
    >
      <Flex vertical gap={16}>
        <ApprovalActions approval={approval} />
        <ApprovalTimeline approval={approval} />
      </Flex>
    </Card>
  );
}
