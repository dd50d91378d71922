import type { ChannelMember, DirectoryPerson } from '@liaison/contracts';

/** A channel member in the directory's shape (members carry their unit's name, not its id). */
export function memberAsPerson(member: ChannelMember): DirectoryPerson {
  return {
    ...member.user,
    kind: member.kind,
    title: member.title,
    department: null,
    counterparty: null,
  };
}

/** Matches a list the server did not search: name, username, department or organisation. */
export function matchesPerson(person: DirectoryPerson, text: string): boolean {
  const q = text.trim().toLowerCase();
  if (!q) return true;
  return [person.displayName, person.username, person.department?.name, person.counterparty?.name]
    .filter((part): part is string => !!part)
    .some((part) => part.toLowerCase().includes(q));
}

/** What tells two 张伟 apart: department (for contacts, organisation) and title. */
export function personDetail(person: DirectoryPerson): string | null {
  const unit = person.kind === 'external' ? person.counterparty?.name : person.department?.name;
  return [unit, person.title].filter(Boolean).join(' ') || null;
}

/** The same for a channel member, whose department or organisation comes as a name. */
export function memberDetail(member: ChannelMember): string | null {
  return [member.organisation, member.title].filter(Boolean).join(' ') || null;
}
