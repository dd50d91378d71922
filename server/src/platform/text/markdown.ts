/**
 * The readable text of a Markdown message, for places that show it as plain text (search
 * snippets, notification previews): markers go, the words they wrap stay.
 */
export function markdownToPlainText(markdown: string): string {
  return (
    markdown
      // ```code fences``` keep their content
      .replace(/```[^\n]*\n?([\s\S]*?)```/g, '$1')
      // ![alt](url) and [text](url)
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      // **bold**, __bold__, *em*, _em_, ~~strike~~, `code`
      .replace(/(\*\*|__|~~)(.+?)\1/g, '$2')
      .replace(/(^|[\s(])([*_])(\S(?:.*?\S)?)\2(?=[\s).,!?，。！？]|$)/gm, '$1$3')
      .replace(/`([^`]+)`/g, '$1')
      // # headings, > quotes, list bullets
      .replace(/^\s{0,3}#{1,6}\s+/gm, '')
      .replace(/^\s{0,3}>\s?/gm, '')
      .replace(/^\s*[-*+]\s+/gm, '')
  );
}
