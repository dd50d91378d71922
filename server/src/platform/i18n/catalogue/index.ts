/**
 * The server's catalogue: one file pair per area (`<area>.zh-CN.ts` defines the keys, `<area>.en-US.ts`
 * is typed against it). A module adds its area here, under a key named after the module.
 */
import type { Catalogue } from '../catalogue-types.ts';
import { commonEnUS } from './common.en-US.ts';
import { commonZhCN } from './common.zh-CN.ts';
import { notificationsEnUS } from './notifications.en-US.ts';
import { notificationsZhCN } from './notifications.zh-CN.ts';

export const zhCN = {
  ...commonZhCN,
  notifications: notificationsZhCN,
};

export type Messages = typeof zhCN;

export const enUS: Catalogue<Messages> = {
  ...commonEnUS,
  notifications: notificationsEnUS,
};
