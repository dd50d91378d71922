import type { Profile, UpdateProfileRequest } from '@liaison/contracts';
import { request } from './client.ts';

export const fetchProfile = () => request<Profile>('/profile');
export const updateProfile = (body: UpdateProfileRequest) =>
  request<Profile>('/profile', { method: 'PATCH', body });
