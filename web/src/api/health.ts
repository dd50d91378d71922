import type { Health } from '@liaison/contracts';
import { request } from './client.ts';

export const fetchHealth = () => request<Health>('/health');
