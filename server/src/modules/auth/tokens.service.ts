import type { ApiToken, CreatedToken, CreateTokenRequest } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import { type Clock, DAY } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import { randomSecret, sha256Hex } from '../../platform/crypto/keys.ts';
import type { DB } from '../../platform/db/schema.ts';
import { credentialsEnded, type EventLog } from '../../platform/events/event-log.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { AuditService } from '../audit/audit.service.ts';
import * as repo from './auth.repository.ts';

/** Secrets start with this, so they are recognisable in scripts and in leaked-secret scanners. */
export const TOKEN_PREFIX = 'lia_';

export interface TokensDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  events: EventLog;
}

/**
 * Personal API tokens (个人 API 令牌) for integrations and scripts: the secret is shown once and
 * only its SHA-256 is stored; a token acts with its owner's permissions until revoked, expired, or
 * until its owner logs out everywhere or changes (or has reset) the password. Only a signed-in
 * session creates tokens: a token that could mint tokens would let a leaked secret outlive its own
 * revocation.
 */
export class TokensService {
  readonly #deps: TokensDeps;

  constructor(deps: TokensDeps) {
    this.#deps = deps;
  }

  async list(ctx: ActorContext): Promise<ApiToken[]> {
    return (await repo.listTokens(this.#deps.db, ctx.actor.userId)).map(toApiToken);
  }

  async create(ctx: ActorContext, input: CreateTokenRequest): Promise<CreatedToken> {
    // A session change carries the CSRF token (access control checked it); a bearer token does not.
    if (ctx.actor.auth.method !== 'session') {
      throw errors.sessionRequired(text('auth.errors.tokenNeedsSession'));
    }
    const secret = randomSecret(TOKEN_PREFIX);
    const now = this.#deps.clock.now();
    const row = {
      id: newId(),
      user_id: ctx.actor.userId,
      name: input.name,
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      token_hash: sha256Hex(secret),
      created_at: now.toISOString(),
      expires_at: input.expiresInDays
        ? new Date(now.getTime() + input.expiresInDays * DAY).toISOString()
        : null,
      last_used_at: null,
      revoked_at: null,
    };
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.insertToken(trx, row);
      await this.#deps.audit.record(trx, ctx, {
        action: 'auth.token.created',
        targetType: 'api_token',
        targetId: row.id,
        summary: { name: row.name, prefix: row.prefix, expiresAt: row.expires_at },
      });
    });
    return { token: toApiToken(row), secret };
  }

  async revoke(ctx: ActorContext, id: string): Promise<void> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const token = await repo.findToken(trx, id, ctx.actor.userId);
      if (!token) throw errors.notFound(text('nouns.token'));
      await repo.revokeToken(trx, id, this.#deps.clock.now().toISOString());
      await this.#deps.events.append(trx, credentialsEnded(ctx.actor.userId, { tokenIds: [id] }));
      await this.#deps.audit.record(trx, ctx, {
        action: 'auth.token.revoked',
        targetType: 'api_token',
        targetId: id,
        summary: { name: token.name, prefix: token.prefix },
      });
    });
    this.#deps.events.committed();
  }
}

function toApiToken(row: repo.TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
  };
}
