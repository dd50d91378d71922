import { CheckOutlined, CloseOutlined, RollbackOutlined, UndoOutlined } from '@ant-design/icons';
import type { ApprovalDetail } from '@liaison/contracts';
import { App, Button, Flex, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalDecision } from '../../api/approvals.ts';
import { useApiError } from '../../app/errors.ts';
import { useApprovalAction } from '../../shared/queries/approvals.ts';

type Dialog = ApprovalDecision | 'withdraw' | null;

/**
 * 同意 / 驳回 / 退回 for an approver of the active step, 撤回 for the requester. Rejecting and
 * returning need a reason; approving and withdrawing take an optional comment.
 */
export function ApprovalActions({ approval, onDone }: { approval: ApprovalDetail; onDone?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const act = useApprovalAction(approval.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [comment, setComment] = useState('');
  // Only a running approval takes decisions; a returned or finished one shows its history only.
  const canDecide = approval.can.decide && approval.status === 'pending';
  const canWithdraw = approval.can.withdraw && approval.status === 'pending';
  if (!canDecide && !canWithdraw) return null;

  const needsReason = dialog === 'reject' || dialog === 'return';
  const open = (next: Dialog) => {
    setComment('');
    setDialog(next);
  };
  const confirm = () => {
    if (!dialog) return;
    const text = comment.trim() || null;
    act.mutate(
      dialog === 'withdraw'
        ? { kind: 'withdraw', comment: text }
        : { kind: 'decide', decision: dialog, comment: text },
      {
        onSuccess: () => {
          message.success(t(`approvals.done.${dialog}`));
          setDialog(null);
          onDone?.();
        },
        onError: (error) => showError(error),
      },
    );
  };

  return (
    <>
      <Flex gap={8} wrap data-testid="approval-actions">
        {canDecide && (
          <>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => open('approve')}
              data-testid="approval-approve"
            >
              {t('approvals.decide.approve')}
            </Button>
            <Button
              danger
              icon={<CloseOutlined />}
              onClick={() => open('reject')}
              data-testid="approval-reject"
            >
              {t('approvals.decide.reject')}
            </Button>
            <Button icon={<RollbackOutlined />} onClick={() => open('return')} data-testid="approval-return">
              {t('approvals.decide.return')}
            </Button>
          </>
        )}
        {canWithdraw && (
          <Button icon={<UndoOutlined />} onClick={() => open('withdraw')} data-testid="approval-withdraw">
            {t('approvals.decide.withdraw')}
          </Button>
        )}
      </Flex>
      <Modal
        open={dialog !== null}
        title={dialog ? t(`approvals.decide.${dialog}Title`, { title: approval.title }) : ''}
        okText={dialog ? t(`approvals.decide.${dialog}`) : undefined}
        okButtonProps={{
          danger: dialog === 'reject',
          disabled: needsReason && !comment.trim(),
          'data-testid': 'approval-confirm',
        }}
        confirmLoading={act.isPending}
        onCancel={() => setDialog(null)}
        onOk={confirm}
        destroyOnHidden
      >
        {dialog && (
          <Typography.Paragraph type="secondary">{t(`approvals.decide.${dialog}Hint`)}</Typography.Paragraph>
        )}
        <Input.TextArea
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={2000}
          placeholder={t(
            needsReason ? 'approvals.decide.reasonPlaceholder' : 'approvals.decide.commentPlaceholder',
          )}
          data-testid="approval-comment"
        />
      </Modal>
    </>
  );
}
