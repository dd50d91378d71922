import type { UserRef } from '@liaison/contracts';

/**
 * A UserRef from a row's joined user columns; null when the row points at nobody (or the user is
 * gone). A user without a display name shows their username.
 */
export function userRef(
  id: string | null,
  username: string | null,
  displayName: string | null,
): UserRef | null {
  return id && username ? { id, username, displayName: displayName ?? username } : null;
}
