import type { Kysely } from 'kysely';
import { newId } from '../../platform/crypto/ids.ts';
import type { FieldCipher } from '../../platform/crypto/keys.ts';
import { SEAL_BATCH, SEALED } from '../../platform/crypto/sealed.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import * as repo from './messages.repository.ts';

/** The original of a message delivered masked, sealed: it holds what the policy caught. */
export async function keepOriginal(
  trx: Executor,
  cipher: FieldCipher,
  messageId: string,
  original: string,
  at: string,
): Promise<void> {
  await repo.insertRevision(trx, {
    id: newId(),
    message_id: messageId,
    kind: 'redact',
    body: cipher.encrypt(original),
    actor_id: null,
    reason: null,
    at,
    sealed: SEALED,
  });
}

/**
 * Seals the originals of redacted messages stored in plaintext before sealing began (a database
 * upgraded from before 0007), a batch per transaction. Safe on several nodes at once. Returns how
 * many it sealed.
 */
export async function sealStoredOriginals(db: Kysely<DB>, cipher: FieldCipher): Promise<number> {
  let sealed = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const rows = await repo.unsealedOriginals(trx, SEAL_BATCH);
      for (const r of rows) await repo.sealOriginal(trx, r.id, cipher.encrypt(r.body));
      return rows.length;
    });
    sealed += done;
    if (done === 0) return sealed;
  }
}
