import type { CreateDelegationRequest, Delegation, UserRef } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/ids.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { UserLookupService } from '../users/user-lookup.service.ts';
import * as repo from './approvals.repository.ts';

export interface ApprovalDelegationsDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  users: UserLookupService;
}

/** Delegations (代理审批): someone away names a colleague to approve in their stead for a while. */
export class ApprovalDelegationsService {
  readonly #deps: ApprovalDelegationsDeps;

  constructor(deps: ApprovalDelegationsDeps) {
    this.#deps = deps;
  }

  async delegations(ctx: ActorContext): Promise<Delegation[]> {
    const rows = await repo.delegationsOf(this.#deps.db, ctx.actor.userId);
    const refs = await this.#deps.users.refs(
      this.#deps.db,
      rows.flatMap((r) => [r.user_id, r.delegate_id]),
    );
    return rows.map((r) => ({
      id: r.id,
      from: refs.get(r.user_id) ?? unknownUser(r.user_id),
      to: refs.get(r.delegate_id) ?? unknownUser(r.delegate_id),
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      createdAt: r.created_at,
    }));
  }

  async createDelegation(ctx: ActorContext, body: CreateDelegationRequest): Promise<Delegation> {
    if (body.delegateId === ctx.actor.userId)
      throw errors.invalidField('delegateId', 'Delegate to someone else.');
    const [active] = await this.#deps.users.activeEmployees(this.#deps.db, [body.delegateId]);
    if (!active) throw errors.invalidField('delegateId', 'No such active colleague.');
    const id = newId();
    await this.#deps.db.transaction().execute(async (trx) => {
      await repo.insertDelegation(trx, {
        id,
        user_id: ctx.actor.userId,
        delegate_id: body.delegateId,
        starts_at: new Date(body.startsAt).toISOString(),
        ends_at: new Date(body.endsAt).toISOString(),
        created_at: this.#deps.clock.now().toISOString(),
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'approval.delegation.created',
        targetType: 'approval_delegation',
        targetId: id,
        summary: { delegateId: body.delegateId, startsAt: body.startsAt, endsAt: body.endsAt },
      });
    });
    return (await this.delegations(ctx)).find((d) => d.id === id)!;
  }

  async deleteDelegation(ctx: ActorContext, id: string): Promise<void> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const row = await repo.findDelegation(trx, id);
      if (!row || row.user_id !== ctx.actor.userId) throw errors.notFound(text('approvals.nouns.delegation'));
      await repo.deleteDelegation(trx, id);
      await this.#deps.audit.record(trx, ctx, {
        action: 'approval.delegation.deleted',
        targetType: 'approval_delegation',
        targetId: id,
        summary: { delegateId: row.delegate_id },
      });
    });
  }
}

/** Someone whose account is gone still shows as their id rather than failing the page. */
function unknownUser(id: string): UserRef {
  return { id, username: id, displayName: id };
}
