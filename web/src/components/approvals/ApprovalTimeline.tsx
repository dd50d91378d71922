import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  RollbackOutlined,
} from '@ant-design/icons';
import type { ApprovalAction, ApprovalDetail, ApprovalStep } from '@liaison/contracts';
import { Divider, Flex, Steps, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, fromNow } from '../../app/format.ts';
import './approvals.css';
import { skippedStepText } from '../../shared/skipReasons.ts';

const STEP_STATUS: Record<ApprovalStep['status'], 'wait' | 'process' | 'finish' | 'error'> = {
  waiting: 'wait',
  active: 'process',
  approved: 'finish',
  rejected: 'error',
  skipped: 'wait',
};

const ACTION_COLOUR: Record<ApprovalAction['action'], string> = {
  submitted: 'blue',
  resubmitted: 'blue',
  approved: 'green',
  rejected: 'red',
  returned: 'orange',
  withdrawn: 'gray',
  skipped: 'gray',
};

function Approver({ approver }: { approver: ApprovalStep['approvers'][number] }) {
  const { t } = useTranslation();
  const icon =
    approver.decision === 'approved' ? (
      <CheckCircleFilled style={{ color: '#52c41a' }} />
    ) : approver.decision === 'rejected' ? (
      <CloseCircleFilled style={{ color: '#ff4d4f' }} />
    ) : approver.decision === 'returned' ? (
      <RollbackOutlined style={{ color: '#faad14' }} />
    ) : (
      <ClockCircleOutlined style={{ color: '#bfbfbf' }} />
    );
  return (
    <Flex gap={6} align="center" wrap data-testid="approval-approver" data-username={approver.username}>
      {icon}
      <Typography.Text>{approver.displayName}</Typography.Text>
      {approver.onBehalfOf && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('approvals.detail.onBehalfOf', { name: approver.onBehalfOf.displayName })}
        </Typography.Text>
      )}
      {approver.decidedAt && (
        <Tooltip title={formatDateTime(approver.decidedAt)}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`approvals.decisions.${approver.decision ?? 'approved'}`)} · {fromNow(approver.decidedAt)}
          </Typography.Text>
        </Tooltip>
      )}
    </Flex>
  );
}

/**
 * 审批流程: the steps in order with their approvers and decisions (或签 / 会签), who is copied, and
 * every action taken with its comment. Used in the approval drawer and on the subject's own page.
 */
export function ApprovalTimeline({ approval }: { approval: ApprovalDetail }) {
  const { t } = useTranslation();
  return (
    <div data-testid="approval-timeline">
      <Steps
        orientation="vertical"
        size="small"
        current={approval.currentStep ?? approval.steps.length}
        items={approval.steps.map((step) => ({
          key: step.index,
          status: STEP_STATUS[step.status],
          title: (
            <span data-testid="approval-step" data-status={step.status}>
              {step.name}
            </span>
          ),
          subTitle: (
            <Flex gap={4} component="span">
              <Tag variant="outlined" style={{ marginInlineEnd: 0 }}>
                {t(`approvals.modes.${step.mode}`)}
              </Tag>
              {step.status === 'skipped' && <Tag>{t('approvals.stepStatuses.skipped')}</Tag>}
            </Flex>
          ),
          content: (
            <Flex vertical gap={2} style={{ paddingBottom: 8 }}>
              {step.approvers.map((approver) => (
                <Approver key={approver.id} approver={approver} />
              ))}
            </Flex>
          ),
        }))}
      />
      {approval.cc.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }} data-testid="approval-cc">
          {t('approvals.detail.cc', { names: approval.cc.map((user) => user.displayName).join('、') })}
        </Typography.Paragraph>
      )}
      <Divider titlePlacement="start" plain style={{ margin: '16px 0' }}>
        {t('approvals.detail.history')}
      </Divider>
      <Timeline
        items={approval.timeline.map((action) => ({
          key: action.id,
          color: ACTION_COLOUR[action.action],
          content: (
            <div data-testid="approval-action" data-action={action.action}>
              <Flex justify="space-between" gap={12}>
                <span>
                  <Typography.Text strong>
                    {action.actor?.displayName ?? t('approvals.detail.system')}
                  </Typography.Text>{' '}
                  {t(`approvals.actions.${action.action}`)}
                </span>
                <Tooltip title={formatDateTime(action.at)}>
                  <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
                    {fromNow(action.at)}
                  </Typography.Text>
                </Tooltip>
              </Flex>
              {action.action === 'skipped' ? (
                <div className="lia-approval-comment" data-testid="approval-skip-reason">
                  {skippedStepText(t, approval, action)}
                </div>
              ) : (
                action.comment && <div className="lia-approval-comment">{action.comment}</div>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}
