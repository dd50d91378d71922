/** @channel, @all and @所有人 notify everyone in the channel. */
const CHANNEL_MENTION = /(^|[^\p{L}\p{N}._-])@(channel|all|所有人)(?![\p{L}\p{N}._-])/u;
/** @username, where usernames are lower-case letters, digits, dots, dashes and underscores. */
const USER_MENTION = /(^|[^\p{L}\p{N}._-])@([a-z0-9][a-z0-9._-]{1,63})/gu;

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
