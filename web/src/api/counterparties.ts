import type { Counterparty, DirectoryPerson } from '@liaison/contracts';
import { request } from './client.ts';

export const listCounterparties = () => request<{ items: Counterparty[] }>('/counterparties');
/** The external contacts of one counterparty (permission counterparty.read). */
export const listCounterpartyContacts = (id: string) =>
  request<{ items: DirectoryPerson[] }>(`/counterparties/${id}/contacts`);
