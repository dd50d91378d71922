import type { ComplianceMessages } from './compliance.zh-CN.ts';

const complianceEnUS: ComplianceMessages = {
  title: 'Retention & archives',
  subtitle:
    'Communication records are kept at least two years per kind; nothing under legal hold is deleted; monthly archives can be downloaded.',
  policies: {
    title: 'Retention policies',
    kind: 'Conversation type',
    keepDays: 'Keep (days)',
    years: 'about {{years}} years',
    updatedAt: 'Updated',
    never: 'Default',
    minHint: 'At least {{days}} days (2 years)',
    saved: 'Retention policy updated',
  },
  holds: {
    title: 'Legal holds',
    create: 'New hold',
    targetType: 'Target type',
    targetTypes: {
      channel: 'Conversation',
      user: 'Person',
    },
    target: 'Target',
    reason: 'Reason',
    createdBy: 'Placed by',
    createdAt: 'Placed',
    status: 'Status',
    active: 'Active',
    released: 'Released',
    release: 'Release',
    releaseConfirm: 'Release the legal hold on "{{name}}"? Its records then follow the retention policy.',
    created: 'Legal hold placed',
    releasedDone: 'Legal hold released',
    channelHint: 'Search every conversation of the company by name or organisation, archived ones included.',
    reasonPlaceholder: 'e.g. contract dispute 2026-017, litigation hold',
  },
  channels: {
    notMember: 'not a member',
  },
  archives: {
    title: 'Monthly archives',
    create: 'Create archive',
    channel: 'Conversation',
    month: 'Month',
    format: 'Format',
    messageCount: 'Messages',
    size: 'Size',
    createdAt: 'Created',
    download: 'Download',
    queued: 'Archive requested; refresh shortly to download it',
    filterChannel: 'All conversations',
    empty: 'No archives yet',
  },
};

export default complianceEnUS;
