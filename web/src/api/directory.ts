import type { DirectoryPerson } from '@liaison/contracts';
import { request } from './client.ts';

export interface DirectoryParams {
  /** Name, username, pinyin or initials (zw → 张伟). */
  q?: string;
  departmentId?: string;
  limit?: number;
}

/** 通讯录: active employees (permission directory.read, every internal role). */
export const searchDirectory = (params: DirectoryParams) =>
  request<{ items: DirectoryPerson[] }>('/directory/people', { query: { ...params } });
