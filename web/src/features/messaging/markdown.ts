import type { StateInline } from 'markdown-it';
import MarkdownIt from 'markdown-it';

/** A person a message may mention, by username. */
export interface MentionTarget {
  displayName: string;
  /** The reader: their mentions are emphasised. */
  me: boolean;
}

export interface RenderEnv {
  /** Members by username; a name not in it stays plain text, as on the server. */
  people?: ReadonlyMap<string, MentionTarget>;
  /** The message mentions the whole channel (@所有人): that includes the reader. */
  channelMention?: boolean;
}

const SAFE_PROTOCOL = /^(https?:|mailto:)/i;
/** Same grammar as the server's mention parser (server/src/modules/messages/mentions.ts). */
const USERNAME = /^@([a-z0-9][a-z0-9._-]{1,63})/;
const CHANNEL_WORD = /^@(channel|all|所有人)(?![A-Za-z0-9._-])/u;
/** Before an @, only an e-mail address's characters stop a mention (a@b.cn); 请@张伟 is one. */
const ADDRESS_CHAR = /[A-Za-z0-9._%+-]/;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Inline rule: @username and @所有人 become mention tokens (never inside code, which is its own token). */
function mentionRule(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x40 /* @ */) return false;
  if (pos > 0 && ADDRESS_CHAR.test(src[pos - 1]!)) return false;
  const rest = src.slice(pos);
  const env = state.env as RenderEnv;
  const channel = CHANNEL_WORD.exec(rest);
  if (channel) {
    if (!silent) {
      const token = state.push('mention', '', 0);
      token.content = channel[0];
      token.meta = { channel: true, me: env.channelMention === true };
    }
    state.pos += channel[0].length;
    return true;
  }
  const user = USERNAME.exec(rest);
  if (!user) return false;
  const username = user[1]!.replace(/[.-]+$/, '');
  const person = env.people?.get(username);
  if (!person) return false;
  if (!silent) {
    const token = state.push('mention', '', 0);
    token.content = `@${person.displayName}`;
    token.meta = { channel: false, me: person.me, username };
  }
  state.pos += 1 + username.length;
  return true;
}

function createRenderer() {
  const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
  // Images in a message body would load from anywhere (tracking pixels); files are attachments.
  md.disable(['image']);
  // People type www.example.com without the scheme; linkify-it 6 only recognises it when asked.
  md.linkify.set({ fuzzyLink: true });
  // Only web and mail links; markdown-it's default already refuses javascript:, this narrows further.
  md.validateLink = (url: string) => SAFE_PROTOCOL.test(url.trim());
  md.inline.ruler.before('emphasis', 'mention', mentionRule);

  md.renderer.rules.mention = (tokens, idx) => {
    const token = tokens[idx]!;
    const meta = token.meta as { channel: boolean; me: boolean; username?: string };
    const classes = ['lia-mention', meta.channel ? 'lia-mention-all' : '', meta.me ? 'lia-mention-me' : '']
      .filter(Boolean)
      .join(' ');
    const user = meta.username ? ` data-username="${escapeHtml(meta.username)}"` : '';
    return `<span class="${classes}"${user}>${escapeHtml(token.content)}</span>`;
  };
  const defaultLinkOpen =
    md.renderer.rules.link_open ??
    ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

const renderer = createRenderer();

/**
 * A message body (Markdown source) as HTML that is safe to insert: raw HTML is escaped, links are
 * limited to http(s) and mailto and open in a new tab without access to this window, images are
 * off, and mentions of known members become highlighted spans.
 */
export function renderMarkdown(source: string, env: RenderEnv = {}): string {
  return renderer.render(source, { ...env });
}
