import {
  CloseOutlined,
  LoadingOutlined,
  PaperClipOutlined,
  SendOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ChannelMember, PolicyRefusal } from '@liaison/contracts';
import { can } from '@liaison/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Tooltip, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchDirectory } from '../../api/directory.ts';
import { queryKeys } from '../../api/keys.ts';
import { useMe } from '../../app/session.ts';
import { FileChip } from '../../components/Attachments.tsx';
import { UserAvatar } from '../../components/Avatars.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { blockedText } from '../../shared/controlText.ts';
import { useUploads } from '../../shared/useUploads.ts';
import { useChat } from './ChatContext.ts';
import {
  applyMention,
  type MentionQuery,
  matchesEveryone,
  mentionCandidates,
  mentionQueryAt,
} from './composerText.ts';
import {
  draftText,
  draftKey as keyOf,
  mergeText,
  saveDraftText,
  takeReturned,
  useReturned,
} from './drafts.ts';
import { isSendKey } from './keyboard.ts';
import { sendMessage } from './outbox.ts';

/** What may be pinyin or initials after an @. */
const PINYIN = /^[a-z]{1,20}$/i;

interface Candidate {
  key: string;
  username: string;
  label: string;
  hint: string;
  user: { id: string; username: string; displayName: string } | null;
}

/**
 * The message box: Enter sends and Shift+Enter breaks the line (never while an IME is composing
 * Chinese), @ opens a picker of the channel's members, files are uploaded as soon as they are
 * picked or pasted and go with the next message.
 */
export function Composer({ threadId, onSent }: { threadId: string | null; onSent?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { channel, members, membersById, meId } = useChat();
  const draftKey = keyOf(channel.id, threadId);
  const [text, setText] = useState(() => draftText(draftKey));
  // The rules that refused the last message, shown until the sender sends again or closes it.
  const [blocked, setBlocked] = useState<PolicyRefusal | null>(null);
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const composing = useRef(false);
  const input = useRef<TextAreaRef>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const uploads = useUploads(channel.id);

  useEffect(() => {
    saveDraftText(draftKey, text);
  }, [draftKey, text]);

  // A message that came back unsent (refused by a policy, or cancelled at its warning): its text and
  // files are put back for editing.
  const returned = useReturned(draftKey);
  const { restore } = uploads;
  useEffect(() => {
    if (!returned || takeReturned(draftKey) !== returned) return;
    setText((current) => mergeText(returned.body, current));
    restore(returned.attachments);
    setBlocked(returned.refusal);
    requestAnimationFrame(() => input.current?.focus());
  }, [returned, draftKey, restore]);

  // Latin letters may be pinyin or initials (@ly → 刘洋): the directory matches those on the server.
  const spelled = mention && PINYIN.test(mention.query) ? mention.query.toLowerCase() : '';
  const pinyin = useDebounced(spelled, 150);
  const directory = useQuery({
    queryKey: queryKeys.directory({ q: pinyin, limit: 20 }),
    queryFn: () => searchDirectory({ q: pinyin, limit: 20 }),
    enabled: pinyin !== '' && can(me.grants, 'directory.read'),
    staleTime: 60_000,
  });

  const candidates = useMemo<Candidate[]>(() => {
    if (!mention) return [];
    const local = mentionCandidates(members, mention.query, meId);
    // Directory matches count only for members: the server ignores mentions of anyone else.
    const bySpelling =
      spelled && spelled === pinyin
        ? (directory.data?.items ?? [])
            .map((person) => membersById.get(person.id))
            .filter((m): m is ChannelMember => !!m && m.user.id !== meId && !local.includes(m))
        : [];
    const list: Candidate[] = [...local, ...bySpelling].map((m) => ({
      key: m.user.id,
      username: m.user.username,
      label: m.user.displayName,
      hint: m.user.username,
      user: m.user,
    }));
    const everyone = t('messaging.composer.mentionEveryone');
    if (!channel.oneToOne && matchesEveryone(mention.query, [everyone, '所有人', 'all'])) {
      list.unshift({
        key: '@all',
        username: '所有人',
        label: everyone,
        hint: t('messaging.composer.mentionEveryoneHint'),
        user: null,
      });
    }
    return list.slice(0, 8);
  }, [mention, members, membersById, meId, channel.oneToOne, spelled, pinyin, directory.data, t]);

  const textarea = () => input.current?.resizableTextArea?.textArea ?? null;

  const refreshMention = (value: string) => {
    const caret = textarea()?.selectionStart ?? value.length;
    setMention(mentionQueryAt(value, caret));
    setActive(0);
  };

  const pick = (candidate: Candidate) => {
    const area = textarea();
    if (!mention || !area) return;
    const next = applyMention(text, mention, area.selectionStart, candidate.username);
    setText(next.text);
    setMention(null);
    requestAnimationFrame(() => {
      area.focus();
      area.setSelectionRange(next.caret, next.caret);
    });
  };

  const canSend = (text.trim().length > 0 || uploads.ready.length > 0) && !uploads.busy;

  const send = () => {
    if (!canSend) return;
    // A message of files alone goes with an empty body.
    sendMessage({ channelId: channel.id, threadId, body: text.trim(), attachments: uploads.ready });
    setText('');
    setBlocked(null);
    uploads.clear();
    setMention(null);
    onSent?.();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (composing.current) return;
    if (mention && candidates.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + candidates.length) % candidates.length);
        return;
      }
      if (
        (event.key === 'Enter' || event.key === 'Tab') &&
        !event.shiftKey &&
        !event.nativeEvent.isComposing
      ) {
        event.preventDefault();
        pick(candidates[active] ?? candidates[0]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (isSendKey(event)) {
      event.preventDefault();
      send();
    }
  };

  const placeholder = threadId
    ? t('messaging.composer.placeholderThread')
    : t('messaging.composer.placeholder', { name: channel.name });

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping files is a shortcut; the attach button is the accessible way
    <div
      className="lia-composer"
      data-testid={threadId ? 'thread-composer' : 'composer'}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        if (event.dataTransfer.files.length > 0) {
          event.preventDefault();
          uploads.add([...event.dataTransfer.files]);
        }
      }}
    >
      {mention && candidates.length > 0 && (
        <div
          className="lia-mention-picker"
          role="listbox"
          aria-label={t('messaging.composer.mentionTitle')}
          data-testid="mention-picker"
        >
          {candidates.map((candidate, index) => (
            <div
              key={candidate.key}
              role="option"
              aria-selected={index === active}
              tabIndex={-1}
              className={`lia-mention-option${index === active ? ' lia-mention-option-active' : ''}`}
              onMouseDown={(event) => {
                // Keep the textarea's focus and caret.
                event.preventDefault();
                pick(candidate);
              }}
              onMouseEnter={() => setActive(index)}
            >
              {candidate.user ? (
                <UserAvatar user={candidate.user} size={24} />
              ) : (
                <span className="lia-mention-all-icon">@</span>
              )}
              <span>{candidate.label}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {candidate.hint}
              </Typography.Text>
            </div>
          ))}
        </div>
      )}
      {blocked && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setBlocked(null) }}
          title={
            <>
              <strong>{t('messaging.control.blockedTitle')}</strong>
              {t('control.separatorColon')}
              {blockedText(t, blocked)}
            </>
          }
          className="lia-composer-blocked"
          data-testid="composer-blocked"
        />
      )}
      {uploads.uploads.length > 0 && (
        <div className="lia-composer-files">
          {uploads.uploads.map((upload) => (
            <FileChip
              key={upload.key}
              attachment={
                upload.attachment ?? {
                  id: upload.key,
                  fileName: upload.name,
                  contentType: upload.contentType,
                  size: upload.size,
                }
              }
              extra={
                <span className="lia-file-extra">
                  {upload.status === 'uploading' && <LoadingOutlined />}
                  {upload.status === 'failed' && (
                    <Tooltip title={`${t('messaging.composer.uploadFailed')}: ${upload.error}`}>
                      <WarningOutlined style={{ color: '#ff4d4f' }} />
                    </Tooltip>
                  )}
                  <Button
                    type="text"
                    size="small"
                    icon={<CloseOutlined />}
                    aria-label={t('messaging.composer.removeFile')}
                    onClick={() => uploads.remove(upload.key)}
                  />
                </span>
              }
            />
          ))}
        </div>
      )}
      <div className="lia-composer-row">
        <Tooltip title={t('messaging.composer.attach')}>
          <Button
            type="text"
            icon={<PaperClipOutlined />}
            aria-label={t('messaging.composer.attach')}
            onClick={() => fileInput.current?.click()}
            data-testid="composer-attach"
          />
        </Tooltip>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          data-testid="composer-file-input"
          onChange={(event) => {
            uploads.add([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
        <Input.TextArea
          ref={input}
          value={text}
          variant="borderless"
          autoSize={{ minRows: 1, maxRows: 8 }}
          placeholder={placeholder}
          maxLength={10_000}
          onChange={(event) => {
            setText(event.target.value);
            refreshMention(event.target.value);
          }}
          onClick={() => refreshMention(text)}
          onKeyUp={(event) => {
            if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') refreshMention(text);
          }}
          onCompositionStart={() => {
            composing.current = true;
          }}
          onCompositionEnd={(event) => {
            composing.current = false;
            refreshMention(event.currentTarget.value);
          }}
          onKeyDown={onKeyDown}
          onPaste={(event) => {
            const files = [...event.clipboardData.files];
            if (files.length > 0) {
              event.preventDefault();
              uploads.add(files);
            }
          }}
          onBlur={() => setMention(null)}
          data-testid={threadId ? 'thread-composer-input' : 'composer-input'}
          aria-label={placeholder}
        />
        <Tooltip title={t('messaging.composer.hint')}>
          <Button
            type="primary"
            icon={<SendOutlined />}
            disabled={!canSend}
            onClick={send}
            data-testid={threadId ? 'thread-composer-send' : 'composer-send'}
          >
            {t('messaging.composer.send')}
          </Button>
        </Tooltip>
      </div>
    </div>
  );
}
