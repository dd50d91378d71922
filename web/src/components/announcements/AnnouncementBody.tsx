import { memo } from 'react';
import './announcementBody.css';

/**
 * The announcement's HTML, sanitised by the server (no scripts, no event handlers, safe links), set
 * into this one container and nowhere else.
 */
export const AnnouncementBody = memo(function AnnouncementBody({ html }: { html: string }) {
  return (
    <div
      className="lia-announcement-body"
      data-testid="announcement-body-view"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server (contracts: Announcement.bodyHtml)
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
});
