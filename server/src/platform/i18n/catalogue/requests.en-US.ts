import type { Catalogue } from '../catalogue-types.ts';
import type { requestsZhCN } from './requests.zh-CN.ts';

export const requestsEnUS: Catalogue<typeof requestsZhCN> = {
  errors: {
    ownDepartmentOnly: 'You may raise requests only for your own department.',
    departmentOutOfScope: 'This department’s requests are outside your scope.',
    closed: 'This request is closed.',
    mayNotReply: 'You may not reply to this request.',
    mayNotReassign: 'You may not reassign this request.',
    mayNotClose: 'You may not close this request.',
    raiserWithdraws: 'Only the requesting side may withdraw a request.',
    noReport: 'You may not see the request report.',
  },
  levels: {
    head: 'the department head',
    leadership: 'senior leadership',
  },
  notices: {
    received: {
      title: 'Request from {{from}}: {{title}}',
      body: '{{actor}} ({{from}}) raised request {{number}} with {{to}}; please respond first by {{due}}.',
    },
    responded: {
      title: 'Request answered: {{title}}',
      body: '{{actor}}: {{excerpt}}',
    },
    replied: {
      title: 'New reply on a request: {{title}}',
      body: '{{actor}}: {{excerpt}}',
    },
    handedOver: {
      title: 'Request handed to you: {{title}}',
      body: '{{actor}} handed {{number}} (from {{from}}) to you.',
    },
    resolved: {
      title: 'Request resolved: {{title}}',
      body: '{{actor}} resolved {{number}}.',
      bodyWithNote: '{{actor}} resolved {{number}}: {{note}}',
    },
    dueSoon: {
      title: 'Request about to run late: {{title}}',
      body: '{{number}} (from {{from}}) needs a first response by {{due}}, or it goes to the department head.',
    },
    escalated: {
      title: 'Request escalated ({{level}}): {{title}}',
      body: '{{number}} from {{from}} to {{to}} has waited {{hours}} working hours for a first response and now goes to {{level}}.',
    },
  },
};
