import type {
  PersonalInfo,
  Profile,
  UpdatePersonalInfoRequest,
  UpdateProfileRequest,
} from '@liaison/contracts';
import type { Kysely } from 'kysely';
import type { ActorContext } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/keys.ts';
import type { DB, Executor } from '../../platform/db/schema.ts';
import { errors } from '../../platform/http/errors.ts';
import { type AuditService, changes } from '../audit/audit.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import { toUser, type UserRecords } from './user-records.ts';
import { findManageable, findVisible } from './users.access.ts';
import * as repo from './users.repository.ts';

export interface PersonalDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  roles: RolesService;
  records: UserRecords;
  cipher: FieldCipher;
}

const PERSONAL_FIELDS = ['mobile', 'address', 'idNumber', 'emergencyContact'] as const;

/**
 * Personal data (个人信息: mobile, address, ID number, emergency contact), encrypted at rest and
 * shown only to HR, administrators and the person; and each person's own profile (个人中心).
 */
export class PersonalService {
  readonly #deps: PersonalDeps;

  constructor(deps: PersonalDeps) {
    this.#deps = deps;
  }

  /** Someone's personal fields; a read by anyone but the person is itself audited. */
  async personal(ctx: ActorContext, id: string): Promise<PersonalInfo> {
    const db = this.#deps.db;
    const row = await findVisible(this.#deps.records, db, ctx, id, 'user.personal.read');
    const info = await this.#read(db, id);
    if (row.id !== ctx.actor.userId) {
      await this.#deps.audit.record(db, ctx, {
        action: 'user.personal.viewed',
        targetType: 'user',
        targetId: id,
        summary: { username: row.username },
      });
    }
    return info;
  }

  async updatePersonal(
    ctx: ActorContext,
    id: string,
    input: UpdatePersonalInfoRequest,
  ): Promise<PersonalInfo> {
    const db = this.#deps.db;
    await db.transaction().execute(async (trx) => {
      const row = await findManageable(this.#deps.records, trx, ctx, id, this.#deps.roles);
      await findVisible(this.#deps.records, trx, ctx, id, 'user.personal.read');
      const written = await this.#write(trx, ctx, row, input);
      // The reply shows every field, so an edit that changed nothing still counts as a look.
      if (!written && row.id !== ctx.actor.userId) {
        await this.#deps.audit.record(trx, ctx, {
          action: 'user.personal.viewed',
          targetType: 'user',
          targetId: id,
          summary: { username: row.username },
        });
      }
    });
    return this.#read(db, id);
  }

  async profile(ctx: ActorContext): Promise<Profile> {
    const db = this.#deps.db;
    const row = await this.#deps.records.findById(db, ctx.actor.userId);
    if (!row) throw errors.unauthenticated();
    const roles = await this.#deps.roles.rolesOfUsers(db, [row.id]);
    return { user: toUser(row, roles.get(row.id) ?? []), personal: await this.#read(db, row.id) };
  }

  /** What a person may change about themselves: language, office phone and their personal fields. */
  async updateProfile(ctx: ActorContext, input: UpdateProfileRequest): Promise<Profile> {
    await this.#deps.db.transaction().execute(async (trx) => {
      const row = await repo.findById(trx, ctx.actor.userId);
      if (!row) throw errors.unauthenticated();
      const diff = changes(
        { locale: row.locale, officePhone: row.office_phone },
        { locale: input.locale, officePhone: input.officePhone },
      );
      if (Object.keys(diff).length > 0) {
        await repo.update(trx, row.id, {
          locale: input.locale ?? row.locale,
          office_phone: input.officePhone === undefined ? row.office_phone : input.officePhone,
          updated_at: this.#deps.clock.now().toISOString(),
        });
        await this.#deps.audit.record(trx, ctx, {
          action: 'user.updated',
          targetType: 'user',
          targetId: row.id,
          summary: { username: row.username, ...diff },
        });
      }
      if (input.personal) await this.#write(trx, ctx, row, input.personal);
    });
    return this.profile(ctx);
  }

  async #read(db: Executor, id: string): Promise<PersonalInfo> {
    const p = await repo.findPersonal(db, id);
    const c = this.#deps.cipher;
    return {
      mobile: c.decryptNullable(p?.mobile_enc ?? null),
      address: c.decryptNullable(p?.address_enc ?? null),
      idNumber: c.decryptNullable(p?.id_number_enc ?? null),
      emergencyContact: c.decryptNullable(p?.emergency_contact_enc ?? null),
    };
  }

  /** Writes the changed fields; the audit entry names which fields changed, never their values. */
  async #write(
    trx: Executor,
    ctx: ActorContext,
    row: repo.UserRow,
    input: UpdatePersonalInfoRequest,
  ): Promise<boolean> {
    const current = await this.#read(trx, row.id);
    const diff = changes(current, input, PERSONAL_FIELDS);
    if (Object.keys(diff).length === 0) return false;
    const next = { ...current, ...input };
    const c = this.#deps.cipher;
    await repo.upsertPersonal(trx, {
      user_id: row.id,
      mobile_enc: c.encryptNullable(next.mobile),
      address_enc: c.encryptNullable(next.address),
      id_number_enc: c.encryptNullable(next.idNumber),
      emergency_contact_enc: c.encryptNullable(next.emergencyContact),
      updated_at: this.#deps.clock.now().toISOString(),
    });
    await this.#deps.audit.record(trx, ctx, {
      action: 'user.personal.updated',
      targetType: 'user',
      targetId: row.id,
      summary: { username: row.username, fields: Object.keys(diff) },
    });
    return true;
  }
}
