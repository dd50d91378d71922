import type { FieldCipher } from './keys.ts';

/**
 * Sensitive text kept in a column of its own table, sealed with the field cipher (AES-256-GCM), with
 * a `sealed` flag beside it on the row: 1 when the column holds `FieldCipher.encrypt` output, 0 for
 * a row written before sealing began (plaintext, until the start-up sweep seals it). The flag, not
 * the look of the text, says which: a message may well read `v1.abc.def.ghi`, and a ciphertext that
 * fails to decrypt (a changed key) must be an error, never shown as if it were the text.
 */
export const SEALED = 1;
export const UNSEALED = 0;

export function openSealed(cipher: FieldCipher, stored: string, sealed: number): string {
  return sealed === SEALED ? cipher.decrypt(stored) : stored;
}

export function openSealedNullable(
  cipher: FieldCipher,
  stored: string | null,
  sealed: number,
): string | null {
  return stored === null ? null : openSealed(cipher, stored, sealed);
}

/** How many unsealed rows a start-up sweep seals per transaction. */
export const SEAL_BATCH = 200;
