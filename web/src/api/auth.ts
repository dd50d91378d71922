import type {
  ApiToken,
  ChangePasswordRequest,
  CreatedToken,
  CreateTokenRequest,
  LoginRequest,
  Me,
  SessionInfo,
} from '@liaison/contracts';
import { request } from './client.ts';

export const login = (body: LoginRequest) => request<Me>('/auth/login', { method: 'POST', body });
export const logout = () => request<void>('/auth/logout', { method: 'POST' });
export const logoutAll = () => request<void>('/auth/logout-all', { method: 'POST' });
export const fetchMe = () => request<Me>('/auth/me');
export const changePassword = (body: ChangePasswordRequest) =>
  request<void>('/auth/password', { method: 'POST', body });

export const listSessions = () => request<{ items: SessionInfo[] }>('/auth/sessions');
export const revokeSession = (id: string) => request<void>(`/auth/sessions/${id}`, { method: 'DELETE' });

export const listTokens = () => request<{ items: ApiToken[] }>('/auth/tokens');
export const createToken = (body: CreateTokenRequest) =>
  request<CreatedToken>('/auth/tokens', { method: 'POST', body });
export const revokeToken = (id: string) => request<void>(`/auth/tokens/${id}`, { method: 'DELETE' });
