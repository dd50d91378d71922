import type { AnnouncementImportance, AnnouncementStatus } from '@liaison/contracts';

export interface AnnouncementsTables {
  announcement_categories: {
    id: string;
    key: string;
    name: string;
    requires_approval: number;
    sort_order: number;
    created_at: string;
    updated_at: string;
  };
  announcements: {
    id: string;
    category_id: string;
    title: string;
    body_html: string;
    body_text: string;
    publishing_department_id: string;
    owner_id: string;
    created_by: string;
    effective_at: string;
    expires_at: string | null;
    pinned: number;
    importance: AnnouncementImportance;
    requires_ack: number;
    ack_deadline: string | null;
    /** JSON Audience. */
    audience: string;
    status: AnnouncementStatus;
    approval_id: string | null;
    published_at: string | null;
    deadline_at: string | null;
    reminded_at: string | null;
    revision: number;
    recipient_count: number;
    search_text: string;
    created_at: string;
    updated_at: string;
  };
  announcement_recipients: {
    announcement_id: string;
    user_id: string;
    department_id: string | null;
    delivered_at: string;
    read_at: string | null;
    acked_at: string | null;
  };
  announcement_revisions: {
    id: string;
    announcement_id: string;
    revision: number;
    title: string;
    body_html: string;
    note: string | null;
    editor_id: string;
    created_at: string;
  };
  announcement_files: {
    id: string;
    announcement_id: string | null;
    uploader_id: string;
    file_name: string;
    content_type: string;
    size: number;
    sha256: string;
    blob_key: string;
    created_at: string;
  };
}
