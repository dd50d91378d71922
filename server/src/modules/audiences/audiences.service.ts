import type { Audience } from '@liaison/contracts';
import type { Executor } from '../../platform/db/schema.ts';
import type { CounterpartiesService } from '../counterparties/counterparties.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { TeamsService } from '../teams/teams.service.ts';
import type { PeopleFilter, PeopleQuery, UserLookupService } from '../users/user-lookup.service.ts';
import { audienceIncludes, type Reader } from './audience-match.ts';

export type { Reader } from './audience-match.ts';

export interface AudiencesDeps {
  departments: DepartmentsService;
  teams: TeamsService;
  counterparties: CounterpartiesService;
  users: UserLookupService;
}

/** An audience in names, for people to read (the approval drawer). */
export interface AudienceNames {
  departments: Map<string, string>;
  teams: Map<string, string>;
  counterparties: Map<string, string>;
  people: Map<string, string>;
}

/** A member of an audience: who, and their own department now (null for external contacts). */
export interface AudienceMember {
  userId: string;
  departmentId: string | null;
}

/** At most this many named people are looked up for showing an audience; the rest are counted. */
const PEOPLE_NAMED = 50;

/**
 * Who receives something addressed to an `Audience` — everyone, departments (with or without
 * their sub-departments), teams, named people and external organisations' contacts. Announcements
 * use it now; surveys, meetings and crisis notices address people the same way. It owns no
 * tables: it asks the organisation's services, a fixed number of queries per call whatever the
 * audience's size (department tree, team members, then one query on people).
 */
export class AudiencesService {
  readonly #deps: AudiencesDeps;

  constructor(deps: AudiencesDeps) {
    this.#deps = deps;
  }

  /** Everyone the audience reaches now: active accounts; employees unless named or by organisation. */
  async members(db: Executor, audience: Audience): Promise<AudienceMember[]> {
    return this.#deps.users.members(db, await this.#filter(db, audience));
  }

  /**
   * The same people as a subquery of (user_id, department_id), for writing one row per member in a
   * single INSERT … SELECT (a company-wide announcement reaches 100,000 people in one statement).
   */
  async membersQuery(db: Executor, audience: Audience): Promise<PeopleQuery> {
    return this.#deps.users.membersQuery(db, await this.#filter(db, audience));
  }

  /** How many people (and departments) the audience reaches now. */
  async reach(db: Executor, audience: Audience): Promise<{ recipients: number; departments: number }> {
    const { people, departments } = await this.#deps.users.countMembers(db, await this.#filter(db, audience));
    return { recipients: people, departments };
  }

  /** The reader as audiences see them: kind, department, teams and organisation. */
  async reader(
    db: Executor,
    who: { userId: string; departmentId: string | null; departmentPath: string | null },
  ): Promise<Reader> {
    const [profile, teamIds] = await Promise.all([
      this.#deps.users.profiles(db, [who.userId]),
      this.#deps.teams.teamIdsOf(db, who.userId),
    ]);
    const me = profile.get(who.userId);
    return {
      userId: who.userId,
      kind: me?.kind ?? 'employee',
      departmentId: who.departmentId,
      departmentPath: who.departmentPath,
      teamIds,
      counterpartyId: me?.counterpartyId ?? null,
    };
  }

  /** Whether each audience reaches the reader now (one department lookup for all of them). */
  async includes(db: Executor, reader: Reader, audiences: readonly Audience[]): Promise<boolean[]> {
    const paths = await this.#deps.departments.pathsOf(
      db,
      audiences.flatMap((a) => a.departments.map((d) => d.id)),
    );
    return audiences.map((a) => audienceIncludes(a, reader, paths));
  }

  /** The names behind an audience's ids, only for the ids given (at most a few dozen people). */
  async names(db: Executor, audience: Audience): Promise<AudienceNames> {
    const [departments, teams, counterparties, people] = await Promise.all([
      this.#deps.departments.basicsOf(
        db,
        audience.departments.map((d) => d.id),
      ),
      this.#deps.teams.namesOf(db, audience.teams),
      this.#deps.counterparties.namesOf(db, audience.counterparties),
      this.#deps.users.refs(db, audience.users.slice(0, PEOPLE_NAMED)),
    ]);
    return {
      departments: new Map([...departments].map(([id, d]) => [id, d.name])),
      teams,
      counterparties,
      people: new Map([...people].map(([id, p]) => [id, p.displayName])),
    };
  }

  /** The audience as criteria on people: departments expanded to their subtrees, teams to members. */
  async #filter(db: Executor, audience: Audience): Promise<PeopleFilter> {
    const paths = await this.#deps.departments.pathsOf(
      db,
      audience.departments.map((d) => d.id),
    );
    // A department that no longer exists reaches nobody.
    const exact = audience.departments.filter((d) => !d.includeChildren && paths.has(d.id)).map((d) => d.id);
    const roots = audience.departments.flatMap((d) => {
      const path = paths.get(d.id);
      return d.includeChildren && path ? [path] : [];
    });
    const [subtree, teamMembers] = await Promise.all([
      this.#deps.departments.idsUnderPaths(db, roots),
      this.#deps.teams.memberIdsOf(db, audience.teams),
    ]);
    return {
      employees: audience.everyone,
      departmentIds: [...new Set([...exact, ...subtree])],
      userIds: [...new Set([...audience.users, ...teamMembers])],
      counterpartyIds: audience.counterparties,
    };
  }
}
