import type {
  CreatedUser,
  CreateUserRequest,
  LiftedSignInThrottle,
  PersonalInfo,
  SetUserRolesRequest,
  SignInThrottle,
  UpdatePersonalInfoRequest,
  UpdateUserRequest,
  USER_SORTS,
  User,
  UserKind,
  UserPage,
  UserStatus,
} from '@liaison/contracts';
import { download, request } from './client.ts';

/** The list filters as the client holds them (the server's UserListQuery before its defaults). */
export interface UserFilters {
  q?: string;
  departmentId?: string;
  includeSubDepartments?: boolean;
  roleKey?: string;
  status?: UserStatus;
  kind?: UserKind;
  sort?: (typeof USER_SORTS)[number];
  order?: 'asc' | 'desc';
}

export interface UserListParams extends UserFilters {
  page?: number;
  pageSize?: number;
}

export const listUsers = (query: UserListParams) => request<UserPage>('/users', { query: { ...query } });
export const getUser = (id: string) => request<User>(`/users/${id}`);
export const createUser = (body: CreateUserRequest) =>
  request<CreatedUser>('/users', { method: 'POST', body });
export const updateUser = (id: string, body: UpdateUserRequest) =>
  request<User>(`/users/${id}`, { method: 'PATCH', body });
export const disableUser = (id: string) => request<void>(`/users/${id}`, { method: 'DELETE' });
export const resetUserPassword = (id: string) =>
  request<{ temporaryPassword: string }>(`/users/${id}/reset-password`, { method: 'POST' });
export const getSignInThrottle = (id: string) => request<SignInThrottle>(`/users/${id}/sign-in-throttle`);
export const liftSignInThrottle = (id: string) =>
  request<LiftedSignInThrottle>(`/users/${id}/sign-in-throttle`, { method: 'DELETE' });
export const getPersonalInfo = (id: string) => request<PersonalInfo>(`/users/${id}/personal`);
export const updatePersonalInfo = (id: string, body: UpdatePersonalInfoRequest) =>
  request<PersonalInfo>(`/users/${id}/personal`, { method: 'PATCH', body });
export const setUserRoles = (id: string, body: SetUserRolesRequest) =>
  request<User>(`/users/${id}/roles`, { method: 'PUT', body });
export const exportUsers = (filters: UserFilters) => download('/users/export', { ...filters }, 'users.xlsx');
