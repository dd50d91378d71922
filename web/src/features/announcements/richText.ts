/**
 * The small helpers behind the announcement editor: what counts as an empty body, how pasted text
 * becomes paragraphs, which links are allowed. The server sanitises whatever arrives; these only
 * keep the editor from producing rubbish in the first place.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** The visible text of an HTML fragment, roughly (tags dropped, spaces and &nbsp; collapsed). */
export function plainText(html: string): string {
  return html
    .replace(/<(br|\/p|\/h\d|\/li|\/div)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An editor that was typed into and emptied again still holds `<p><br></p>`: that is blank. */
export function isBlankHtml(html: string | null | undefined): boolean {
  return !html || plainText(html) === '';
}

/** Pasted plain text as paragraphs: one per line, blank lines dropped, everything escaped. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

/**
 * A link as typed into the toolbar: http(s) and mailto are kept, a bare address gets https://,
 * anything else (javascript:, data:) is refused with null.
 */
export function normaliseLink(input: string): string | null {
  const value = input.trim();
  if (!value || /\s/.test(value)) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return /^[\w-]+(\.[\w-]+)+/.test(value) ? `https://${value}` : null;
  if (scheme === 'http' || scheme === 'https') return /^https?:\/\/[^/]/i.test(value) ? value : null;
  if (scheme === 'mailto') return value.length > 'mailto:'.length ? value : null;
  return null;
}
