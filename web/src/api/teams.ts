import type {
  CreateTeamRequest,
  Team,
  TeamDetail,
  TeamListQuery,
  UpdateTeamRequest,
} from '@liaison/contracts';
import { request } from './client.ts';

export const listTeams = (query: TeamListQuery = {}) =>
  request<{ items: Team[] }>('/teams', { query: { ...query } });
export const getTeam = (id: string) => request<TeamDetail>(`/teams/${id}`);
export const createTeam = (body: CreateTeamRequest) =>
  request<TeamDetail>('/teams', { method: 'POST', body });
export const updateTeam = (id: string, body: UpdateTeamRequest) =>
  request<TeamDetail>(`/teams/${id}`, { method: 'PATCH', body });
export const deleteTeam = (id: string) => request<void>(`/teams/${id}`, { method: 'DELETE' });
export const addTeamMembers = (id: string, userIds: string[]) =>
  request<TeamDetail>(`/teams/${id}/members`, { method: 'POST', body: { userIds } });
export const removeTeamMember = (id: string, userId: string) =>
  request<TeamDetail>(`/teams/${id}/members/${userId}`, { method: 'DELETE' });
