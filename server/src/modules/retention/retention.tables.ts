export interface RetentionPoliciesTable {
  channel_kind: string;
  keep_days: number;
  updated_at: string;
  updated_by: string | null;
}

export interface LegalHoldsTable {
  id: string;
  target_type: 'channel' | 'user';
  target_id: string;
  reason: string;
  created_by: string | null;
  created_at: string;
  released_at: string | null;
  released_by: string | null;
}

export interface MessageArchivesTable {
  id: string;
  channel_id: string;
  month: string;
  format: 'jsonl' | 'csv';
  blob_key: string;
  message_count: number;
  size: number;
  created_by: string | null;
  created_at: string;
}

export interface RetentionTables {
  retention_policies: RetentionPoliciesTable;
  legal_holds: LegalHoldsTable;
  message_archives: MessageArchivesTable;
}
