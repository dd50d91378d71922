import type { CreateWebhookRequest, UpdateWebhookRequest, Webhook } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { FieldCipher } from '../../platform/crypto/keys.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { DEFAULT_LOCALE, type Locale, text } from '../../platform/i18n/i18n.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { NotificationsService } from './notifications.service.ts';
import type { WebhookTarget } from './outbox.worker.ts';
import * as repo from './webhooks.repository.ts';

/**
 * Departments' names, asked of the departments module (wired in services.ts): a webhook may be
 * limited to one department, which must exist and is shown by name.
 */
export interface DepartmentNames {
  names(db: Executor, ids: readonly string[]): Promise<Map<string, string>>;
}

export interface WebhooksDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  cipher: FieldCipher;
  departments: DepartmentNames;
}

/**
 * Outgoing webhooks administrators subscribe to kinds of notices (optionally of one department):
 * a generic signed JSON receiver, or a WeCom / DingTalk / Feishu group robot. Secrets are stored
 * encrypted and never returned.
 */
export class WebhooksService {
  readonly #deps: WebhooksDeps;
  #notifications: NotificationsService | null = null;

  constructor(deps: WebhooksDeps) {
    this.#deps = deps;
  }

  /** Wired after construction: notifications and webhooks need each other. */
  setNotifications(notifications: NotificationsService): void {
    this.#notifications = notifications;
  }

  async list(): Promise<Webhook[]> {
    return this.#views(this.#deps.db, await repo.list(this.#deps.db));
  }

  /** `locale` may be left out by callers inside the server (the HTTP schema defaults it too). */
  async create(
    ctx: ActorContext,
    body: Omit<CreateWebhookRequest, 'locale'> & { locale?: Locale },
  ): Promise<Webhook> {
    const id = newId();
    const now = this.#deps.clock.now().toISOString();
    await this.#deps.db.transaction().execute(async (trx) => {
      if (await repo.nameTaken(trx, body.name, null)) {
        throw errors.conflict(text('notifications.errors.webhookNameTaken'));
      }
      await this.#checkDepartment(trx, body.departmentId);
      await repo.insert(trx, {
        id,
        name: body.name,
        format: body.format,
        url: body.url,
        secret: this.#deps.cipher.encryptNullable(body.secret),
        kinds: JSON.stringify(body.kinds),
        department_id: body.departmentId,
        enabled: body.enabled ? 1 : 0,
        locale: body.locale ?? DEFAULT_LOCALE,
        created_at: now,
        updated_at: now,
        updated_by: ctx.actor.userId,
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'notification.webhook.created',
        targetType: 'webhook',
        targetId: id,
        summary: { after: describe({ ...body, signed: body.secret !== null }) },
      });
    });
    return this.get(id);
  }

  async get(id: string): Promise<Webhook> {
    const row = await repo.findById(this.#deps.db, id);
    if (!row) throw errors.notFound(text('nouns.webhook'));
    const [view] = await this.#views(this.#deps.db, [row]);
    return view!;
  }

  async update(ctx: ActorContext, id: string, body: UpdateWebhookRequest): Promise<Webhook> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const before = await repo.findById(trx, id);
      if (!before) throw errors.notFound(text('nouns.webhook'));
      if (body.name !== undefined && (await repo.nameTaken(trx, body.name, id))) {
        throw errors.conflict(text('notifications.errors.webhookNameTaken'));
      }
      if (body.departmentId !== undefined) await this.#checkDepartment(trx, body.departmentId);
      await repo.update(trx, id, {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.format !== undefined && { format: body.format }),
        ...(body.url !== undefined && { url: body.url }),
        ...(body.secret !== undefined && { secret: this.#deps.cipher.encryptNullable(body.secret) }),
        ...(body.kinds !== undefined && { kinds: JSON.stringify(body.kinds) }),
        ...(body.departmentId !== undefined && { department_id: body.departmentId }),
        ...(body.enabled !== undefined && { enabled: body.enabled ? 1 : 0 }),
        ...(body.locale !== undefined && { locale: body.locale }),
        updated_at: this.#deps.clock.now().toISOString(),
        updated_by: ctx.actor.userId,
      });
      const after = await repo.findById(trx, id);
      await this.#deps.audit.record(trx, ctx, {
        action: 'notification.webhook.updated',
        targetType: 'webhook',
        targetId: id,
        summary: {
          before: describe(toWebhook(before, null)),
          after: describe(toWebhook(after!, null)),
          ...(body.secret !== undefined && { secretChanged: true }),
        },
      });
    });
    return this.get(id);
  }

  async remove(ctx: ActorContext, id: string): Promise<void> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const before = await repo.findById(trx, id);
      if (!before) throw errors.notFound(text('nouns.webhook'));
      await repo.remove(trx, id);
      await this.#deps.audit.record(trx, ctx, {
        action: 'notification.webhook.deleted',
        targetType: 'webhook',
        targetId: id,
        summary: { before: describe(toWebhook(before, null)) },
      });
    });
  }

  /** Queues a test message to this webhook alone, through the outbox like any notice. */
  async test(ctx: ActorContext, id: string): Promise<void> {
    const hook = await this.get(id);
    const notifications = this.#notifications;
    if (!notifications) throw new Error('webhooks are not wired to notifications');
    await this.#deps.db.transaction().execute((trx) =>
      notifications.notify(trx, {
        kind: 'system.test',
        title: text('notifications.notices.test.title'),
        body: text('notifications.notices.test.body', { webhook: hook.name, actor: ctx.actor.displayName }),
        link: '/notifications',
        actorId: ctx.actor.userId,
        recipientIds: [],
        onlyWebhookId: id,
      }),
    );
    notifications.committed();
  }

  /** For the outbox worker: where to send and how to sign, as of now. */
  async target(id: string): Promise<WebhookTarget | null> {
    const row = await repo.findById(this.#deps.db, id);
    if (!row) return null;
    return { format: row.format, url: row.url, secret: this.#deps.cipher.decryptNullable(row.secret) };
  }

  async #checkDepartment(trx: Kysely<DB>, departmentId: string | null): Promise<void> {
    if (!departmentId) return;
    const found = await this.#deps.departments.names(trx, [departmentId]);
    if (!found.has(departmentId)) {
      throw errors.invalidField('departmentId', text('notifications.errors.noSuchDepartment'));
    }
  }

  async #views(db: Executor, rows: readonly repo.WebhookRow[]): Promise<Webhook[]> {
    const names = await this.#deps.departments.names(
      db,
      rows.flatMap((r) => (r.department_id ? [r.department_id] : [])),
    );
    return rows.map((r) => toWebhook(r, r.department_id ? (names.get(r.department_id) ?? null) : null));
  }
}

function toWebhook(row: repo.WebhookRow, departmentName: string | null): Webhook {
  return {
    id: row.id,
    name: row.name,
    format: row.format,
    url: row.url,
    signed: row.secret !== null,
    kinds: JSON.parse(row.kinds),
    departmentId: row.department_id,
    departmentName,
    enabled: row.enabled === 1,
    locale: row.locale,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
/** What the audit log keeps of a webhook: never the secret, and the URL without its key. */
function describe(w: {
  name: string;
  format: string;
  url: string;
  kinds: readonly string[];
  enabled: boolean;
  signed: boolean;
}) {
  let url = w.url;
  try {
    const u = new URL(w.url);
    url = `${u.origin}${u.pathname}`;
  } catch {}
  return { name: w.name, format: w.format, url, kinds: w.kinds, enabled: w.enabled, signed: w.signed };
}
