import type { Catalogue } from '../catalogue-types.ts';
import type { notificationsZhCN } from './notifications.zh-CN.ts';

export const notificationsEnUS: Catalogue<typeof notificationsZhCN> = {
  email: {
    subject: '[Liaison] {{title}}',
    digestSubject: '[Liaison] Daily digest: {{count}} notifications',
    viewDetails: 'View details',
    footer: 'Liaison · Notification settings: {{url}}',
    product: 'Liaison',
    settings: 'Notification settings',
  },
  robot: {
    viewDetails: 'View details',
    viewFull: 'Read in full',
  },
  notices: {
    test: {
      title: 'Liaison test message',
      body: 'This is a test message from Liaison ({{webhook}}), sent by {{actor}}.',
    },
  },
  errors: {
    webhookNameTaken: 'A webhook with this name already exists.',
    resendOnlyDead: 'Only a dead-lettered delivery can be resent.',
    noSuchDepartment: 'No such department.',
  },
};
