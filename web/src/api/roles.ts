import type { CreateRoleRequest, Role, UpdateRoleRequest } from '@liaison/contracts';
import { request } from './client.ts';

export const listRoles = () => request<{ items: Role[] }>('/roles');
export const getRole = (id: string) => request<Role>(`/roles/${id}`);
export const createRole = (body: CreateRoleRequest) => request<Role>('/roles', { method: 'POST', body });
export const updateRole = (id: string, body: UpdateRoleRequest) =>
  request<Role>(`/roles/${id}`, { method: 'PATCH', body });
export const deleteRole = (id: string) => request<void>(`/roles/${id}`, { method: 'DELETE' });
