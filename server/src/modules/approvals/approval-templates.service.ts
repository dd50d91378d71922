import type { ApprovalSubjectType, ApprovalTemplate, SaveApprovalTemplateRequest } from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { text } from '../../platform/i18n/i18n.ts';
import type { AuditService } from '../audit/audit.service.ts';
import * as repo from './approvals.repository.ts';

/** Approval templates: one per subject type, its ordered steps and whom it copies. */
export class ApprovalTemplatesService {
  readonly #deps: { db: Kysely<DB>; clock: Clock; audit: AuditService };

  constructor(deps: { db: Kysely<DB>; clock: Clock; audit: AuditService }) {
    this.#deps = deps;
  }

  async templates(): Promise<ApprovalTemplate[]> {
    return (await repo.templates(this.#deps.db)).map(toTemplate);
  }

  async saveTemplate(ctx: ActorContext, subjectType: ApprovalSubjectType, body: SaveApprovalTemplateRequest) {
    const ids = body.steps.map((s) => s.id);
    if (new Set(ids).size !== ids.length) throw errors.invalidField('steps', 'Step ids must be unique.');
    await this.#deps.db.transaction().execute(async (trx) => {
      const before = await repo.templateFor(trx, subjectType);
      if (!before) throw errors.notFound(text('nouns.approvalTemplate'));
      await repo.updateTemplate(trx, before.id, {
        name: body.name,
        steps: JSON.stringify(body.steps),
        cc: JSON.stringify(body.cc),
        version: before.version + 1,
        updated_at: this.#deps.clock.now().toISOString(),
        updated_by: ctx.actor.userId,
      });
      await this.#deps.audit.record(trx, ctx, {
        action: 'approval.template.changed',
        targetType: 'approval_template',
        targetId: before.id,
        summary: { subjectType, before: toTemplate(before), after: body },
      });
    });
    return (await this.templates()).find((t) => t.subjectType === subjectType)!;
  }
}

function toTemplate(row: repo.TemplateRow): ApprovalTemplate {
  return {
    id: row.id,
    subjectType: row.subject_type,
    name: row.name,
    steps: JSON.parse(row.steps),
    cc: JSON.parse(row.cc),
    version: row.version,
    updatedAt: row.updated_at,
  };
}
