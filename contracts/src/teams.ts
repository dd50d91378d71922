import { z } from 'zod';
import { Id, nameText, Str, Timestamp, UserRef } from './common.ts';

/** 团队 (a standing team) or 项目组 (a project group that ends with its project). */
export const TEAM_KINDS = ['team', 'project'] as const;
export const TeamKind = z.enum(TEAM_KINDS);
export type TeamKind = z.infer<typeof TeamKind>;

export const Team = z
  .object({
    id: Id,
    name: z.string(),
    kind: TeamKind,
    description: z.string().nullable(),
    department: z.object({ id: Id, name: z.string() }).nullable(),
    owner: UserRef.nullable(),
    memberCount: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Team' });
export type Team = z.infer<typeof Team>;

export const TeamMember = z.object({ user: UserRef, joinedAt: Timestamp });
export type TeamMember = z.infer<typeof TeamMember>;

export const TeamDetail = Team.extend({ members: z.array(TeamMember) }).meta({ id: 'TeamDetail' });
export type TeamDetail = z.infer<typeof TeamDetail>;

export const TeamList = z.object({ items: z.array(Team) });

export const TeamListQuery = z.strictObject({
  q: Str.trim().max(64).optional(),
  departmentId: Id.optional(),
  kind: TeamKind.optional(),
  memberId: Id.optional(),
});
export type TeamListQuery = z.infer<typeof TeamListQuery>;

export const CreateTeamRequest = z.strictObject({
  name: nameText(64),
  kind: TeamKind.default('team'),
  description: Str.trim().max(500).nullable().optional(),
  departmentId: Id.nullable().optional(),
  ownerId: Id.nullable().optional(),
  memberIds: z.array(Id).max(500).optional(),
});
export type CreateTeamRequest = z.infer<typeof CreateTeamRequest>;

export const UpdateTeamRequest = z
  .strictObject({
    name: nameText(64),
    kind: TeamKind,
    description: Str.trim().max(500).nullable(),
    departmentId: Id.nullable(),
    ownerId: Id.nullable(),
  })
  .partial();
export type UpdateTeamRequest = z.infer<typeof UpdateTeamRequest>;

export const AddTeamMembersRequest = z.strictObject({ userIds: z.array(Id).min(1).max(500) });
export type AddTeamMembersRequest = z.infer<typeof AddTeamMembersRequest>;

export const TeamMemberParams = z.strictObject({ id: Id, userId: Id });
