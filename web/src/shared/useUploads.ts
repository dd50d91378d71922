import type { Attachment } from '@liaison/contracts';
import { App } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadAttachment } from '../api/messages.ts';
import { errorText } from '../app/errors.ts';
import { randomId } from './randomId.ts';
import { formatBytes } from './timeline.ts';

/** The server's default limit (LIAISON_ATTACHMENT_MAX_BYTES); checked here to fail fast, enforced there. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

export interface Upload {
  key: string;
  name: string;
  contentType: string;
  size: number;
  status: 'uploading' | 'done' | 'failed';
  attachment: Attachment | null;
  error: string | null;
}

/** Files picked for the next message: uploaded at once, so sending only has to name their ids. */
export function useUploads(channelId: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [uploads, setUploads] = useState<Upload[]>([]);

  const patch = useCallback(
    (key: string, change: Partial<Upload>) =>
      setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u))),
    [],
  );

  const add = useCallback(
    (files: readonly File[]) => {
      const room = MAX_ATTACHMENTS - uploads.length;
      if (files.length > room) message.warning(t('messaging.composer.tooMany', { count: MAX_ATTACHMENTS }));
      for (const file of files.slice(0, Math.max(0, room))) {
        if (file.size > MAX_ATTACHMENT_BYTES) {
          message.error(
            t('messaging.composer.tooLarge', { name: file.name, size: formatBytes(MAX_ATTACHMENT_BYTES) }),
          );
          continue;
        }
        const key = randomId();
        setUploads((list) => [
          ...list,
          {
            key,
            name: file.name,
            contentType: file.type,
            size: file.size,
            status: 'uploading',
            attachment: null,
            error: null,
          },
        ]);
        uploadAttachment(channelId, file).then(
          (attachment) => patch(key, { status: 'done', attachment }),
          (error: unknown) => patch(key, { status: 'failed', error: errorText(error) }),
        );
      }
    },
    [channelId, uploads.length, message, t, patch],
  );

  /** Files already uploaded, back with a message that was not sent (a policy refused it, say). */
  const restore = useCallback(
    (attachments: readonly Attachment[]) =>
      setUploads((list) => [
        ...list,
        ...attachments
          .filter((a) => !list.some((u) => u.attachment?.id === a.id))
          .map((a) => ({
            key: a.id,
            name: a.fileName,
            contentType: a.contentType,
            size: a.size,
            status: 'done' as const,
            attachment: a,
            error: null,
          })),
      ]),
    [],
  );

  const remove = useCallback((key: string) => setUploads((list) => list.filter((u) => u.key !== key)), []);
  const clear = useCallback(() => setUploads([]), []);
  const busy = uploads.some((u) => u.status === 'uploading');
  const ready = uploads.filter((u) => u.status === 'done').map((u) => u.attachment!);
  return { uploads, add, restore, remove, clear, busy, ready };
}
