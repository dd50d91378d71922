import { hmacHex } from '../../platform/crypto/keys.ts';
import type { AuditRow } from './audit.repository.ts';

type ChainedFields = Omit<AuditRow, 'hash'>;

/**
 * The MAC that links an entry to the one before it. It covers every stored field and the previous
 * entry's MAC, keyed with a key derived from LIAISON_SECRET_KEY, so someone with write access to
 * the database alone can neither alter an entry nor recompute the chain after deleting one.
 */
export function entryMac(key: Buffer, e: ChainedFields): string {
  const canonical = JSON.stringify([
    Number(e.seq),
    e.id,
    e.at,
    e.actor_id,
    e.actor_label,
    e.action,
    e.target_type,
    e.target_id,
    e.summary,
    e.ip,
    e.request_id,
    e.prev_hash,
  ]);
  return hmacHex(key, canonical);
}
