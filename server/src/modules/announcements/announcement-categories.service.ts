import type { AnnouncementCategory, SaveCategoryRequest } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { AuditService } from '../audit/audit.service.ts';
import * as repo from './announcements.repository.ts';

/** Announcement categories (通知, 公告, 制度 …): which need approval, in what order they are listed. */
export class AnnouncementCategoriesService {
  readonly #deps: { db: Kysely<DB>; clock: Clock; audit: AuditService };

  constructor(deps: { db: Kysely<DB>; clock: Clock; audit: AuditService }) {
    this.#deps = deps;
  }

  async categories(): Promise<AnnouncementCategory[]> {
    return (await repo.categories(this.#deps.db)).map(toCategory);
  }

  async saveCategory(
    ctx: ActorContext,
    id: string | null,
    body: SaveCategoryRequest,
  ): Promise<AnnouncementCategory> {
    const now = this.#deps.clock.now().toISOString();
    const categoryId = id ?? newId();
    await this.#deps.db.transaction().execute(async (trx) => {
      const before = id ? await repo.findCategory(trx, id) : undefined;
      if (id && !before) throw errors.notFound(text('nouns.category'));
      const taken = (await repo.categories(trx)).some((c) => c.key === body.key && c.id !== id);
      if (taken) throw errors.conflict(text('announcements.errors.categoryKeyTaken'));
      const fields = {
        key: body.key,
        name: body.name,
        requires_approval: body.requiresApproval ? 1 : 0,
        sort_order: body.sortOrder,
        updated_at: now,
      };
      if (before) await repo.updateCategory(trx, categoryId, fields);
      else await repo.insertCategory(trx, { id: categoryId, ...fields, created_at: now });
      await this.#deps.audit.record(trx, ctx, {
        action: 'announcement.category.changed',
        targetType: 'announcement_category',
        targetId: categoryId,
        summary: { before: before ? toCategory(before) : null, after: body },
      });
    });
    return toCategory((await repo.findCategory(this.#deps.db, categoryId))!);
  }
}

function toCategory(row: {
  id: string;
  key: string;
  name: string;
  requires_approval: number;
  sort_order: number;
}): AnnouncementCategory {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    requiresApproval: row.requires_approval === 1,
    sortOrder: row.sort_order,
  };
}
