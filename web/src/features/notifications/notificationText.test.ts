import { describe, expect, it } from 'vitest';
import { kindGroup, notificationTarget } from './notificationText.ts';

const ID = '0190a1b2-0000-7000-8000-000000000001';

describe('notification targets', () => {
  it('opens approvals in the inbox drawer and announcements on their page', () => {
    expect(notificationTarget({ link: null, subject: { type: 'approval', id: ID } })).toBe(
      `/approvals?id=${ID}`,
    );
    expect(notificationTarget({ link: null, subject: { type: 'announcement', id: ID } })).toBe(
      `/announcements/${ID}`,
    );
    expect(notificationTarget({ link: `/announcements/${ID}/stats`, subject: null })).toBe(
      `/announcements/${ID}/stats`,
    );
  });

  it('groups the new kinds by module', () => {
    expect(kindGroup('approval.requested')).toBe('approval');
    expect(kindGroup('announcement.reminder')).toBe('announcement');
  });
});
