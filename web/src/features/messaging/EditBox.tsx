import type { Message, PolicyRefusal } from '@liaison/contracts';
import { Button, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { toRefusal } from '../../shared/controlText.ts';
import { isSendKey } from './keyboard.ts';
import { PolicyConfirmModal } from './PolicyConfirmModal.tsx';
import { useMessageActions } from './useMessageActions.ts';

/** Editing one's own message in place: Enter saves, Esc cancels. */
export function EditBox({ message, onDone }: { message: Message; onDone: () => void }) {
  const { t } = useTranslation();
  const { edit } = useMessageActions();
  const [text, setText] = useState(message.body);
  // A `warn` policy asked about the new text: the same question as for a post.
  const [refusal, setRefusal] = useState<PolicyRefusal | null>(null);
  const save = (confirmed?: { justification?: string }) => {
    const body = text.trim();
    if (!body || body === message.body) return onDone();
    edit.mutate(
      { message, body, confirmed },
      {
        onSuccess: onDone,
        onError: (error) => {
          if (isApiError(error, 'policy_confirmation_required')) setRefusal(toRefusal(error.details, 'warn'));
        },
      },
    );
  };
  return (
    <div className="lia-edit-box">
      <Input.TextArea
        autoFocus
        value={text}
        autoSize={{ minRows: 1, maxRows: 10 }}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (isSendKey(event)) {
            event.preventDefault();
            save();
          } else if (event.key === 'Escape') onDone();
        }}
        data-testid="message-edit-input"
      />
      <div className="lia-edit-actions">
        <Typography.Text type="secondary">{t('messaging.message.editHint')}</Typography.Text>
        <Button size="small" onClick={onDone}>
          {t('messaging.message.cancel')}
        </Button>
        <Button size="small" type="primary" loading={edit.isPending} onClick={() => save()}>
          {t('messaging.message.save')}
        </Button>
      </div>
      {refusal && (
        <PolicyConfirmModal
          refusal={refusal}
          onCancel={() => setRefusal(null)}
          onConfirm={(justification) => {
            setRefusal(null);
            save(justification ? { justification } : {});
          }}
        />
      )}
    </div>
  );
}
