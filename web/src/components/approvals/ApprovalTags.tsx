import type { ApprovalStatus, ApprovalSubjectType } from '@liaison/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS_COLOUR: Record<ApprovalStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  withdrawn: 'default',
};

export function ApprovalStatusTag({ status }: { status: ApprovalStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="approval-status" data-status={status}>
      {t(`approvals.statuses.${status}`)}
    </Tag>
  );
}

export function SubjectTypeTag({ type }: { type: ApprovalSubjectType }) {
  const { t } = useTranslation();
  return <Tag>{t(`approvals.subjectTypes.${type}`)}</Tag>;
}
