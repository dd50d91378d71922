export interface SessionsTable {
  id: string;
  /** SHA-256 of the cookie value; the value itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  revoked_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/**
 * Failed password checks, one row per counter: an account name from one address (`pair`), an
 * account name from everywhere (`account`), one address for every name (`address`), or the
 * password-change route of one signed-in user (`password`). Names are counted whether or not they
 * exist, so throttling reveals nothing. See `throttle-rules.ts` for what the counts mean.
 */
export interface LoginThrottleTable {
  key: string;
  kind: 'pair' | 'account' | 'address' | 'password';
  /** The account name typed (lower case), for every kind but `address`. */
  account: string | null;
  /** The client address (IPv6 by its /64), for `pair` and `address`. */
  address: string | null;
  failures: number;
  window_started_at: string;
  last_failed_at: string;
}

export interface AuthTables {
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
}
