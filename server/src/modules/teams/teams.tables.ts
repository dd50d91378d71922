export interface TeamsTable {
  id: string;
  name: string;
  kind: 'team' | 'project';
  description: string | null;
  department_id: string | null;
  owner_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  joined_at: string;
}

export interface TeamsTables {
  teams: TeamsTable;
  team_members: TeamMembersTable;
}
