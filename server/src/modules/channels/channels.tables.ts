import type { ChannelKind } from '@liaison/contracts';

export interface ChannelsTable {
  id: string;
  kind: ChannelKind;
  name: string;
  topic: string | null;
  owner_id: string | null;
  department_id: string | null;
  team_id: string | null;
  counterparty_id: string | null;
  direct_key: string | null;
  /** The last message sequence number handed out in this channel (row-locked while posting). */
  last_seq: number;
  last_message_at: string | null;
  archived_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Explicit members; department, team and all-hands channels also have implied ones. */
export interface ChannelMembersTable {
  channel_id: string;
  user_id: string;
  role: 'owner' | 'member';
  added_by: string | null;
  joined_at: string;
}

export interface ChannelReadsTable {
  channel_id: string;
  user_id: string;
  last_read_seq: number;
  updated_at: string;
}

export interface ChannelNamingRulesTable {
  kind: string;
  pattern: string;
  updated_at: string;
  updated_by: string | null;
}

export interface ChannelsTables {
  channels: ChannelsTable;
  channel_members: ChannelMembersTable;
  channel_reads: ChannelReadsTable;
  channel_naming_rules: ChannelNamingRulesTable;
}
