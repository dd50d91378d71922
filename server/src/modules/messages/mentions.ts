/**
 * What may stand right before an @ for it to be a mention: anything but the characters of an
 * e-mail address's local part. Chinese writers put no space before @ (请@张伟看一下), so a Han
 * character before it still starts a mention, while a@b.cn does not.
 */
const BEFORE = '(^|[^A-Za-z0-9._%+-])';
/** @channel, @all and @所有人 notify everyone in the channel. */
const CHANNEL_MENTION = new RegExp(`${BEFORE}@(channel|all|所有人)(?![A-Za-z0-9._-])`, 'u');
/** @username, where usernames are lower-case letters, digits, dots, dashes and underscores. */
const USER_MENTION = new RegExp(`${BEFORE}@([a-z0-9][a-z0-9._-]{1,63})`, 'gu');

/** The usernames and the channel-wide mention a message body contains (code spans excluded). */
export function parseMentions(body: string): { usernames: string[]; channel: boolean } {
  // Mentions inside `code` or ```blocks``` are text, not notifications.
  const text = body.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`\n]*`/g, ' ');
  const usernames = new Set<string>();
  for (const m of text.matchAll(USER_MENTION)) {
    const name = m[2]!.replace(/[.-]+$/, '');
    if (!['channel', 'all'].includes(name)) usernames.add(name);
  }
  return { usernames: [...usernames], channel: CHANNEL_MENTION.test(text) };
}

/** Who a body mentions, resolved against the channel's members. */
export interface ResolvedMentions {
  userIds: string[];
  channel: boolean;
  /** Who gets a mention badge: the named people, or for @channel everyone in it but the author. */
  notify: string[];
}

/**
 * Mentioned members (unknown names and non-members are plain text). The channel's members and the
 * named accounts are asked of their modules.
 */
export async function resolveMentions(
  body: string,
  authorId: string,
  lookups: {
    memberIds: () => Promise<string[]>;
    idsByUsernames: (usernames: readonly string[]) => Promise<{ id: string; username: string }[]>;
  },
): Promise<ResolvedMentions> {
  const parsed = parseMentions(body);
  if (parsed.usernames.length === 0 && !parsed.channel) return { userIds: [], channel: false, notify: [] };
  const memberIds = new Set(await lookups.memberIds());
  const named = parsed.usernames.length ? await lookups.idsByUsernames(parsed.usernames) : [];
  const userIds = named.filter((u) => memberIds.has(u.id)).map((u) => u.id);
  const notify = parsed.channel ? [...memberIds] : userIds;
  return { userIds, channel: parsed.channel, notify: notify.filter((id) => id !== authorId) };
}
