import type { Generated } from 'kysely';

export interface MessagesTable {
  id: string;
  channel_id: string;
  seq: number;
  author_id: string | null;
  thread_root_id: string | null;
  /** Markdown source as written (the current version; earlier ones are in message_revisions). */
  body: string;
  /** JSON array of mentioned user ids. */
  mentions: string;
  mentions_channel: number;
  reply_count: number;
  last_reply_at: string | null;
  edited_at: string | null;
  deleted_at: string | null;
  deleted_by: string | null;
  deleted_reason: string | null;
  pinned_at: string | null;
  pinned_by: string | null;
  client_id: string | null;
  /** 1 when a control policy masked part of the text before delivery (the original is a revision). */
  redacted: number;
  created_at: string;
}

/**
 * Earlier versions of a message, kept for compliance: the text before each edit or deletion, or the
 * original of a message delivered redacted.
 */
export interface MessageRevisionsTable {
  id: string;
  message_id: string;
  kind: 'edit' | 'delete' | 'redact';
  /**
   * The text before the change. The original of a redacted message holds what the policy caught:
   * it is sealed with the field cipher (see platform/crypto/sealed.ts).
   */
  body: string;
  actor_id: string | null;
  reason: string | null;
  at: string;
  /** 1 when `body` is sealed (redact revisions; 0 for those from before sealing, and other kinds). */
  sealed: number;
}

export interface MessageMentionsTable {
  message_id: string;
  channel_id: string;
  user_id: string;
  seq: number;
}

export interface AttachmentsTable {
  id: string;
  uploader_id: string;
  channel_id: string;
  message_id: string | null;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  blob_key: string;
  created_at: string;
}

/**
 * SQLite only: the FTS5 index of message text (PostgreSQL uses messages.search_vector), written by
 * platform/search/fts-encoding.ts. Contentless: its columns can be written, never read back.
 */
export interface MessageFtsTable {
  /** message_search_keys.key */
  rowid: number;
  words: string;
  grams: string;
}

/**
 * SQLite only: each indexed message's FTS5 rowid, with what a search filters and sorts its hits by.
 * The three columns were added by migration 0009, which filled them.
 */
export interface MessageSearchKeysTable {
  key: Generated<number>;
  message_id: string;
  channel_id: string;
  author_id: string | null;
  created_at: string;
}

export interface MessagesTables {
  messages: MessagesTable;
  message_revisions: MessageRevisionsTable;
  message_mentions: MessageMentionsTable;
  attachments: AttachmentsTable;
  message_fts: MessageFtsTable;
  message_search_keys: MessageSearchKeysTable;
}
