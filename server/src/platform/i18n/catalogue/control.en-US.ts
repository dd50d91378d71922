import type { Catalogue } from '../catalogue-types.ts';
import type { controlZhCN } from './control.zh-CN.ts';

export const controlEnUS: Catalogue<typeof controlZhCN> = {
  errors: {
    cannotDecide: 'A {{status}} item cannot be decided as {{decision}}.',
    alreadyDecided: 'This item has already been decided.',
    alertAcknowledged: 'This alert was already acknowledged.',
    confirmToSend: 'This content matches a communication policy: confirm to send it.',
    detectorInUse: 'This detector is used by {{count}} policies.',
    detectorNameTaken: 'A detector with this name already exists.',
    policyNameTaken: 'A policy with this name already exists.',
  },
  nouns: {
    controlEvent: 'Control event',
    heldMessage: 'Held message',
    alert: 'Alert',
    detector: 'Detector',
  },
  notices: {
    decided: {
      approvedTitle: 'Your held message was approved',
      rejectedTitle: 'Your held message was not approved',
      approvedBody: '{{actor}} approved your message; it has been delivered.',
      rejectedBody: '{{actor}} did not approve your message.',
      rejectedBodyWithComment: '{{actor}} did not approve your message: {{comment}}',
    },
  },
};
