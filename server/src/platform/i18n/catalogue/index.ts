/**
 * The server's catalogue: one file pair per area (`<area>.zh-CN.ts` defines the keys, `<area>.en-US.ts`
 * is typed against it). A module adds its area here, under a key named after the module.
 */
import type { Catalogue } from '../catalogue-types.ts';
import { channelsEnUS } from './channels.en-US.ts';
import { channelsZhCN } from './channels.zh-CN.ts';
import { commonEnUS } from './common.en-US.ts';
import { commonZhCN } from './common.zh-CN.ts';
import { controlEnUS } from './control.en-US.ts';
import { controlZhCN } from './control.zh-CN.ts';
import { messagesEnUS } from './messages.en-US.ts';
import { messagesZhCN } from './messages.zh-CN.ts';
import { notificationsEnUS } from './notifications.en-US.ts';
import { notificationsZhCN } from './notifications.zh-CN.ts';
import { retentionEnUS } from './retention.en-US.ts';
import { retentionZhCN } from './retention.zh-CN.ts';

export const zhCN = {
  ...commonZhCN,
  control: controlZhCN,
  retention: retentionZhCN,
  channels: channelsZhCN,
  messages: messagesZhCN,
  notifications: notificationsZhCN,
};

export type Messages = typeof zhCN;

export const enUS: Catalogue<Messages> = {
  ...commonEnUS,
  control: controlEnUS,
  retention: retentionEnUS,
  channels: channelsEnUS,
  messages: messagesEnUS,
  notifications: notificationsEnUS,
};
