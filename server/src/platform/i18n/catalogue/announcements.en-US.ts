import type { Catalogue } from '../catalogue-types.ts';
import type { announcementsZhCN } from './announcements.zh-CN.ts';

export const announcementsEnUS: Catalogue<typeof announcementsZhCN> = {
  errors: {
    categoryKeyTaken: 'A category with this key already exists.',
    onlyAuthorEdits: 'Only its author or owner may change a draft.',
    notEditable: 'Only a draft or a returned announcement can be edited; correct a published one instead.',
    publishOwnDepartment: 'You may publish only for your own department.',
    onlyAuthorSubmits: 'Only its author or owner may submit it.',
    notSubmittable: 'This announcement is {{status}}; it cannot be submitted.',
    onlyAuthorCorrects: 'Only its author or owner may correct it.',
    notCorrectable: 'Only a published announcement can be corrected.',
    onlyAuthorWithdraws: 'Only its author or owner may withdraw it.',
    notWithdrawable: 'This announcement is {{status}}; there is nothing to withdraw.',
    noAckRequired: 'This announcement asks for no acknowledgement.',
    statsForbidden: 'You may not see publishing statistics.',
    departmentOutOfScope: 'This department is outside your scope.',
    notPublishedToRemind: 'Only a published announcement has readers to remind.',
    notPublished: 'This announcement is not published.',
    notAddressed: 'This announcement is not addressed to you.',
    receiptsForbidden: 'Only the owner and department heads see who has read it.',
  },
  statuses: {
    draft: 'a draft',
    in_approval: 'in approval',
    returned: 'returned',
    scheduled: 'scheduled',
    published: 'published',
    expired: 'expired',
    withdrawn: 'withdrawn',
  },
  notices: {
    published: {
      title: '{{category}}: {{title}}',
      body: 'Published by {{department}}.',
      bodyAck: 'Published by {{department}}. Please read and acknowledge it.',
    },
    reminder: {
      title: 'Please read: {{title}}',
      titleAck: 'Please read and acknowledge: {{title}}',
      body: '{{category}} from {{department}}.',
      bodyBy: '{{category}} from {{department}}: please read it by {{deadline}}.',
      bodyAckBy: '{{category}} from {{department}}: please acknowledge it by {{deadline}}.',
    },
  },
};
