import type { TeamListQuery } from '@liaison/contracts';
import type { AuditFilters } from './audit.ts';
import type { UserListParams } from './users.ts';

/** Query keys in one place so a mutation can invalidate exactly what it changed. */
export const queryKeys = {
  me: ['me'] as const,
  profile: ['profile'] as const,
  sessions: ['sessions'] as const,
  tokens: ['tokens'] as const,
  users: {
    all: ['users'] as const,
    list: (params: UserListParams) => ['users', 'list', params] as const,
    search: (q: string) => ['users', 'search', q] as const,
    detail: (id: string) => ['users', 'detail', id] as const,
    personal: (id: string) => ['users', 'personal', id] as const,
  },
  departments: ['departments'] as const,
  teams: {
    all: ['teams'] as const,
    list: (query: TeamListQuery) => ['teams', 'list', query] as const,
    detail: (id: string) => ['teams', 'detail', id] as const,
  },
  roles: ['roles'] as const,
  audit: {
    all: ['audit'] as const,
    list: (filters: AuditFilters) => ['audit', 'list', filters] as const,
    latest: ['audit', 'latest'] as const,
  },
};
