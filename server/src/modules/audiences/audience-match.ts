import type { Audience } from '@liaison/contracts';

/** Who a reader is, for matching an audience they were not yet part of when it was resolved. */
export interface Reader {
  userId: string;
  kind: 'employee' | 'external';
  departmentId: string | null;
  departmentPath: string | null;
  teamIds: readonly string[];
  counterpartyId: string | null;
}

/**
 * Whether an audience reaches this reader now — the same rule as `AudiencesService.members`, for
 * one person in memory. A resolved audience stores who it reached then; this lets someone who
 * joined an audience department (or team) later be matched too.
 */
export function audienceIncludes(
  audience: Audience,
  reader: Reader,
  departmentPaths: ReadonlyMap<string, string>,
): boolean {
  if (audience.users.includes(reader.userId)) return true;
  if (reader.kind === 'external') {
    return reader.counterpartyId !== null && audience.counterparties.includes(reader.counterpartyId);
  }
  if (audience.everyone) return true;
  if (audience.teams.some((t) => reader.teamIds.includes(t))) return true;
  return audience.departments.some((d) => {
    if (!d.includeChildren) return d.id === reader.departmentId;
    const path = departmentPaths.get(d.id);
    return path !== undefined && (reader.departmentPath?.startsWith(path) ?? false);
  });
}
