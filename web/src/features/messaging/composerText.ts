import type { ChannelMember } from '@liaison/contracts';

/**
 * Characters that make an @ part of an e-mail address (a@b.cn), as the server's mention parser
 * sees them; anything else may stand before a mention, Chinese text included (请@刘洋).
 */
const ADDRESS_CHAR = /[A-Za-z0-9._%+-]/;
const MAX_QUERY = 32;

export interface MentionQuery {
  /** Index of the @ in the text. */
  start: number;
  /** What was typed after the @ up to the caret. */
  query: string;
}

/** The @-mention being typed at the caret, if any: `@` at a word start, then no whitespace. */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  for (let i = caret - 1; i >= 0 && caret - i <= MAX_QUERY + 1; i--) {
    const c = text[i]!;
    if (/\s/.test(c)) return null;
    if (c === '@') {
      if (i > 0 && ADDRESS_CHAR.test(text[i - 1]!)) return null;
      return { start: i, query: text.slice(i + 1, caret) };
    }
  }
  return null;
}

/** Replaces the typed `@que` with `@username ` and says where the caret goes. */
export function applyMention(
  text: string,
  mention: MentionQuery,
  caret: number,
  username: string,
): { text: string; caret: number } {
  const inserted = `@${username} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, mention.start) + inserted + after, caret: mention.start + inserted.length };
}

/** Members matching what was typed (name or username), people whose name starts with it first. */
export function mentionCandidates(
  members: readonly ChannelMember[],
  query: string,
  meId: string,
  limit = 8,
): ChannelMember[] {
  const q = query.trim().toLowerCase();
  const scored: { member: ChannelMember; score: number }[] = [];
  for (const member of members) {
    if (member.user.id === meId) continue;
    const name = member.user.displayName.toLowerCase();
    const username = member.user.username.toLowerCase();
    let score = -1;
    if (q === '') score = 1;
    else if (name.startsWith(q) || username.startsWith(q)) score = 0;
    else if (name.includes(q) || username.includes(q)) score = 1;
    if (score >= 0) scored.push({ member, score });
  }
  return scored
    .sort(
      (a, b) =>
        a.score - b.score || a.member.user.displayName.localeCompare(b.member.user.displayName, 'zh-CN'),
    )
    .slice(0, limit)
    .map((entry) => entry.member);
}

/** Whether the @所有人 entry fits what was typed. */
export function matchesEveryone(query: string, words: readonly string[]): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || words.some((word) => word.toLowerCase().startsWith(q));
}
