import type { Locale } from '@liaison/contracts';
import type { Executor } from '../../platform/db/schema.ts';
import { contactRows } from './user-contacts.repository.ts';

export interface UserContact {
  id: string;
  email: string | null;
  displayName: string;
  /** The language the person reads the product (and its notices and emails) in. */
  locale: Locale;
  /** Disabled accounts are returned too (an actor's name still shows); they are not to be told anything. */
  active: boolean;
}

/**
 * People as other modules may address them: the notification center asks here for recipients'
 * addresses and languages and for actors' names, instead of reading the users table itself.
 * Runs on the caller's executor, so a notice sees the people as of its own transaction.
 */
export const userContacts = {
  async contacts(db: Executor, ids: readonly string[]): Promise<UserContact[]> {
    const rows = await contactRows(db, ids);
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      locale: r.locale,
      active: r.status === 'active',
    }));
  },
};
