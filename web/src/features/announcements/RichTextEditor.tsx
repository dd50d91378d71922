import {
  BoldOutlined,
  DisconnectOutlined,
  FontSizeOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  UnderlineOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, Divider, Flex, Input, Popover, Tooltip, Typography } from 'antd';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { escapeHtml, isBlankHtml, normaliseLink, textToHtml } from './richText.ts';

type Command = 'bold' | 'italic' | 'underline' | 'insertUnorderedList' | 'insertOrderedList';
const STATEFUL: readonly Command[] = [
  'bold',
  'italic',
  'underline',
  'insertUnorderedList',
  'insertOrderedList',
];

interface Props {
  value?: string;
  onChange?: (html: string) => void;
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
}

/**
 * A small rich-text editor: a contentEditable area with bold, italic, underline, a heading, bullet
 * and numbered lists and links, producing plain HTML (the server sanitises it again). Pasted content
 * arrives as text, so nothing foreign (Word styles, scripts, images) slips in.
 */
export function RichTextEditor({ value, onChange, placeholder, id, 'data-testid': testId }: Props) {
  const { t } = useTranslation();
  const area = useRef<HTMLDivElement>(null);
  // What the editor last reported: a value equal to it came from typing and must not reset the caret.
  const emitted = useRef<string | null>(null);
  const savedRange = useRef<Range | null>(null);
  const [empty, setEmpty] = useState(isBlankHtml(value));
  const [active, setActive] = useState<Record<string, boolean>>({});
  const [linkOpen, setLinkOpen] = useState(false);
  const [link, setLink] = useState('');
  const [linkError, setLinkError] = useState(false);

  useEffect(() => {
    const element = area.current;
    if (!element) return;
    const next = value ?? '';
    if (next !== emitted.current) {
      element.innerHTML = next;
      emitted.current = next;
    }
    setEmpty(isBlankHtml(next));
  }, [value]);

  const emit = useCallback(() => {
    const element = area.current;
    if (!element) return;
    const html = isBlankHtml(element.innerHTML) ? '' : element.innerHTML;
    emitted.current = html;
    setEmpty(html === '');
    onChange?.(html);
  }, [onChange]);

  const refreshState = useCallback(() => {
    const selection = document.getSelection();
    if (!selection?.anchorNode || !area.current?.contains(selection.anchorNode)) return;
    const next: Record<string, boolean> = {};
    for (const command of STATEFUL) next[command] = document.queryCommandState(command);
    next.heading = /^h[1-6]$/i.test(String(document.queryCommandValue('formatBlock')));
    setActive(next);
  }, []);

  useEffect(() => {
    document.addEventListener('selectionchange', refreshState);
    return () => document.removeEventListener('selectionchange', refreshState);
  }, [refreshState]);

  const run = (command: string, argument?: string) => {
    area.current?.focus();
    document.execCommand('styleWithCSS', false, 'false');
    document.execCommand('defaultParagraphSeparator', false, 'p');
    document.execCommand(command, false, argument);
    emit();
    refreshState();
  };

  const toggleHeading = () => {
    area.current?.focus();
    const current = String(document.queryCommandValue('formatBlock')).toLowerCase();
    run('formatBlock', /^h[1-6]$/.test(current) ? 'p' : 'h3');
  };

  const rememberSelection = () => {
    const selection = document.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    savedRange.current =
      range && area.current?.contains(range.commonAncestorContainer) ? range.cloneRange() : null;
  };

  const insertLink = () => {
    const href = normaliseLink(link);
    if (!href) {
      setLinkError(true);
      return;
    }
    const element = area.current;
    if (!element) return;
    element.focus();
    const selection = document.getSelection();
    if (savedRange.current && selection) {
      selection.removeAllRanges();
      selection.addRange(savedRange.current);
    }
    if (!selection || selection.isCollapsed || !savedRange.current)
      run('insertHTML', `<a href="${escapeHtml(href)}">${escapeHtml(href)}</a>&nbsp;`);
    else run('createLink', href);
    setLinkOpen(false);
    setLink('');
  };

  const tool = (key: string, title: string, icon: ReactNode, onPress: () => void) => (
    <Tooltip title={title} key={key}>
      <Button
        type={active[key] ? 'primary' : 'text'}
        ghost={active[key]}
        size="small"
        icon={icon}
        aria-label={title}
        aria-pressed={active[key] ?? false}
        data-testid={`editor-${key}`}
        // Keep the selection in the text while the button is pressed.
        onMouseDown={(event) => event.preventDefault()}
        onClick={onPress}
      />
    </Tooltip>
  );

  return (
    <div className="lia-editor" data-testid={testId}>
      <div className="lia-editor-toolbar" role="toolbar" aria-label={t('announcements.editor.toolbar')}>
        {tool('bold', t('announcements.editor.bold'), <BoldOutlined />, () => run('bold'))}
        {tool('italic', t('announcements.editor.italic'), <ItalicOutlined />, () => run('italic'))}
        {tool('underline', t('announcements.editor.underline'), <UnderlineOutlined />, () =>
          run('underline'),
        )}
        <Divider orientation="vertical" style={{ height: 20, margin: '4px 4px' }} />
        {tool('heading', t('announcements.editor.heading'), <FontSizeOutlined />, toggleHeading)}
        {tool('insertUnorderedList', t('announcements.editor.bullets'), <UnorderedListOutlined />, () =>
          run('insertUnorderedList'),
        )}
        {tool('insertOrderedList', t('announcements.editor.numbers'), <OrderedListOutlined />, () =>
          run('insertOrderedList'),
        )}
        <Divider orientation="vertical" style={{ height: 20, margin: '4px 4px' }} />
        <Popover
          open={linkOpen}
          onOpenChange={(open) => {
            if (open) rememberSelection();
            setLinkOpen(open);
            setLinkError(false);
          }}
          trigger="click"
          content={
            <Flex vertical gap={4} style={{ width: 300 }}>
              <Flex gap={8}>
                <Input
                  autoFocus
                  size="small"
                  value={link}
                  status={linkError ? 'error' : undefined}
                  placeholder="https://"
                  onChange={(event) => {
                    setLink(event.target.value);
                    setLinkError(false);
                  }}
                  onPressEnter={insertLink}
                  data-testid="editor-link-input"
                />
                <Button size="small" type="primary" onClick={insertLink} data-testid="editor-link-ok">
                  {t('announcements.editor.insert')}
                </Button>
              </Flex>
              {linkError && (
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {t('announcements.editor.badLink')}
                </Typography.Text>
              )}
            </Flex>
          }
        >
          <Tooltip title={t('announcements.editor.link')}>
            <Button
              type="text"
              size="small"
              icon={<LinkOutlined />}
              aria-label={t('announcements.editor.link')}
              onMouseDown={(event) => event.preventDefault()}
              data-testid="editor-link"
            />
          </Tooltip>
        </Popover>
        {tool('unlink', t('announcements.editor.unlink'), <DisconnectOutlined />, () => run('unlink'))}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: rich text needs contentEditable; a textarea holds plain text only */}
      <div
        ref={area}
        id={id}
        className="lia-editor-area"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={placeholder}
        tabIndex={0}
        data-empty={empty ? 'true' : 'false'}
        data-placeholder={placeholder}
        data-testid={testId ? `${testId}-area` : undefined}
        // New lines become <p>, not Chrome's default <div>, from the first keystroke on.
        onFocus={() => document.execCommand('defaultParagraphSeparator', false, 'p')}
        onInput={emit}
        onBlur={emit}
        onKeyUp={refreshState}
        onMouseUp={refreshState}
        onPaste={(event) => {
          event.preventDefault();
          const text = event.clipboardData.getData('text/plain');
          if (!text) return;
          if (/\r|\n/.test(text)) run('insertHTML', textToHtml(text));
          else run('insertText', text);
        }}
        onDrop={(event) => event.preventDefault()}
      />
    </div>
  );
}
