import type { CreateDepartmentRequest, Department, UpdateDepartmentRequest } from '@liaison/contracts';
import { request } from './client.ts';

export const listDepartments = () => request<{ items: Department[] }>('/departments');
export const getDepartment = (id: string) => request<Department>(`/departments/${id}`);
export const createDepartment = (body: CreateDepartmentRequest) =>
  request<Department>('/departments', { method: 'POST', body });
export const updateDepartment = (id: string, body: UpdateDepartmentRequest) =>
  request<Department>(`/departments/${id}`, { method: 'PATCH', body });
export const deleteDepartment = (id: string) => request<void>(`/departments/${id}`, { method: 'DELETE' });
