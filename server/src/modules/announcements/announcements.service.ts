import type { Readable } from 'node:stream';
import type {
  Announcement,
  AnnouncementDetail,
  AnnouncementListQuery,
  Audience,
  Page,
} from '@liaison/contracts';
import type { Kysely } from 'kysely';
import { type ActorContext, scopeFilter } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { storeUpload } from '../../platform/storage/uploads.ts';
import type { AudiencesService } from '../audiences/audiences.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import { type AnnouncementAccess, toFile } from './announcements.access.ts';
import * as repo from './announcements.repository.ts';

export interface AnnouncementsDeps {
  db: Kysely<DB>;
  clock: Clock;
  blobs: BlobStore;
  maxFileBytes: number;
  audiences: AudiencesService;
  departments: DepartmentsService;
  access: AnnouncementAccess;
}

/**
 * Information publishing (信息发布) as people find it: the reader's feed (catching up audiences
 * they joined later) and the publisher's list, one announcement, how many an audience reaches,
 * and the attached files. Drafting and publication are `announcement-publishing.service.ts`;
 * receipts and statistics, reminders and categories have services of their own.
 */
export class AnnouncementsService {
  readonly #deps: AnnouncementsDeps;

  constructor(deps: AnnouncementsDeps) {
    this.#deps = deps;
  }

  async list(ctx: ActorContext, query: AnnouncementListQuery): Promise<Page<Announcement>> {
    const me = ctx.actor.userId;
    let result: {
      rows: repo.AnnouncementListRow[];
      total: number;
    };
    if (query.view === 'feed') {
      await this.#deps.access.catchUp(ctx);
      result = await repo.feed(this.#deps.db, me, query);
    } else {
      const scope = scopeFilter(ctx.actor, 'announcement.publish');
      const departments =
        scope.kind === 'all'
          ? 'all'
          : scope.kind === 'department'
            ? await this.#deps.departments.idsUnderPaths(this.#deps.db, [scope.path])
            : null;
      result = await repo.managed(this.#deps.db, me, departments, query);
    }
    const items = await this.#deps.access.presentAll(
      ctx,
      await this.#deps.access.named(this.#deps.db, result.rows),
    );
    return { items, total: result.total, page: query.page, pageSize: query.pageSize };
  }

  async get(ctx: ActorContext, id: string): Promise<AnnouncementDetail> {
    return this.#deps.access.detail(ctx, id);
  }

  async preview(audience: Audience): Promise<{ recipients: number; departments: number }> {
    return this.#deps.audiences.reach(this.#deps.db, audience);
  }

  async uploadFile(ctx: ActorContext, file: { fileName: string; data: Buffer }) {
    const stored = await storeUpload(this.#deps, 'announcements', file, this.#deps.maxFileBytes);
    const row = {
      id: stored.id,
      announcement_id: null,
      uploader_id: ctx.actor.userId,
      file_name: stored.fileName,
      content_type: stored.contentType,
      size: stored.size,
      sha256: stored.sha256,
      blob_key: stored.blobKey,
      created_at: stored.createdAt,
    };
    await repo.insertFile(this.#deps.db, row);
    return toFile(row);
  }

  async openFile(
    ctx: ActorContext,
    id: string,
    fileId: string,
  ): Promise<{ file: ReturnType<typeof toFile>; stream: Readable }> {
    await this.#deps.access.visible(ctx, id);
    const row = await repo.findFile(this.#deps.db, fileId);
    if (!row || row.announcement_id !== id) throw errors.notFound(text('nouns.file'));
    return { file: toFile(row), stream: await this.#deps.blobs.get(row.blob_key) };
  }

  // ——— access ———
}
