import { LinkOutlined } from '@ant-design/icons';
import { Descriptions, Drawer, Flex, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { ApprovalActions } from '../../components/approvals/ApprovalActions.tsx';
import { ApprovalStatusTag, SubjectTypeTag } from '../../components/approvals/ApprovalTags.tsx';
import { ApprovalTimeline } from '../../components/approvals/ApprovalTimeline.tsx';
import { useApproval } from '../../shared/queries/approvals.ts';
import { SubjectPreview } from './SubjectPreview.tsx';

/** One approval beside the inbox: what it is about (with a link to it), its flow, and the decision. */
export function ApprovalDrawer({ approvalId, onClose }: { approvalId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useApproval(approvalId);
  const approval = query.data;
  return (
    <Drawer
      open={approvalId !== null}
      onClose={onClose}
      size={620}
      title={approval?.title ?? t('approvals.detail.title')}
      extra={approval && <ApprovalStatusTag status={approval.status} />}
      data-testid="approval-drawer"
    >
      {query.isLoading ? (
        <Skeleton active />
      ) : !approval ? (
        <Result status="404" title={t('approvals.detail.notFound')} />
      ) : (
        <Flex vertical gap={16}>
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: 'type',
                label: t('approvals.field.subjectType'),
                children: <SubjectTypeTag type={approval.subjectType} />,
              },
              {
                key: 'subject',
                label: t('approvals.field.subject'),
                children: (
                  <Link to={approval.link} data-testid="approval-subject-link">
                    <LinkOutlined /> {approval.title}
                  </Link>
                ),
              },
              {
                key: 'requester',
                label: t('approvals.field.requester'),
                children: approval.requester.displayName,
              },
              {
                key: 'created',
                label: t('approvals.field.createdAt'),
                children: formatDateTime(approval.createdAt),
              },
              ...(approval.finishedAt
                ? [
                    {
                      key: 'finished',
                      label: t('approvals.field.finishedAt'),
                      children: formatDateTime(approval.finishedAt),
                    },
                  ]
                : []),
            ]}
          />
          {approval.subject && <SubjectPreview subject={approval.subject} />}
          <ApprovalActions approval={approval} />
          <ApprovalTimeline approval={approval} />
        </Flex>
      )}
    </Drawer>
  );
}
