import type { Message } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { getChannel } from '../../api/channels.ts';
import { isApiError } from '../../api/client.ts';
import { deleteMessage, editMessage, pinMessage } from '../../api/messages.ts';
import { errorText } from '../../app/errors.ts';
import { blockedText, toRefusal } from '../../shared/controlText.ts';
import { mergeMessage } from './liveUpdates.ts';
import { replaceChannel } from './queries.ts';

/** Copies text, also where the async clipboard API is unavailable (plain-HTTP intranet hosts). */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

type Action = 'edit' | 'recall' | 'moderate' | 'pin';

/** What a 409 on each action means when the channel is still open. */
const CONFLICT_TEXT = {
  edit: 'messaging.message.editWindow',
  recall: 'messaging.message.editWindow',
  moderate: 'messaging.message.gone',
  pin: 'messaging.message.gone',
} as const satisfies Record<Action, string>;

/** Edit, withdraw, moderate and pin; every answer goes straight into the cached lists. */
export function useMessageActions() {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const merge = (message: Message) => mergeMessage(queryClient, message, false);

  /**
   * A 409 means the channel was archived meanwhile (it refuses every change then), the edit window
   * has passed, or the message was withdrawn. The channel is fetched again to tell which, and so
   * that the screen stops offering what is no longer possible.
   */
  const failed = (action: Action) => async (error: unknown, variables: Message | { message: Message }) => {
    // The edit box asks for the confirmation itself.
    if (isApiError(error, 'policy_confirmation_required')) return;
    if (isApiError(error, 'policy_blocked')) {
      toast.error(blockedText(t, toRefusal(error.details, 'block')));
      return;
    }
    if (!isApiError(error, 'conflict')) {
      toast.error(errorText(error));
      return;
    }
    const message = 'message' in variables ? variables.message : variables;
    const channel = await getChannel(message.channelId).catch(() => null);
    if (channel) replaceChannel(queryClient, channel);
    toast.error(t(channel?.archivedAt ? 'messaging.message.archived' : CONFLICT_TEXT[action]));
  };

  const edit = useMutation({
    mutationFn: ({
      message,
      body,
      confirmed,
    }: {
      message: Message;
      body: string;
      confirmed?: { justification?: string };
    }) => editMessage(message.channelId, message.id, body, confirmed),
    onSuccess: merge,
    onError: failed('edit'),
  });
  const recall = useMutation({
    mutationFn: (message: Message) => deleteMessage(message.channelId, message.id),
    onSuccess: merge,
    onError: failed('recall'),
  });
  const moderate = useMutation({
    mutationFn: ({ message, reason }: { message: Message; reason: string }) =>
      deleteMessage(message.channelId, message.id, reason),
    onSuccess: (message) => {
      merge(message);
      toast.success(t('messaging.moderate.done'));
    },
    onError: failed('moderate'),
  });
  const pin = useMutation({
    mutationFn: (message: Message) => pinMessage(message.channelId, message.id, !message.pinnedAt),
    onSuccess: merge,
    onError: failed('pin'),
  });
  const copy = async (message: Message) => {
    await copyText(message.body);
    toast.success(t('messaging.message.copied'));
  };
  return { edit, recall, moderate, pin, copy };
}
