import type { Transaction } from 'kysely';
import type { ActorContext, RequestContext } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';
import { type Text, text } from '../../platform/i18n/i18n.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { UsersService, UserWithDepartment } from '../users/users.service.ts';
import type { FailureOutcome, ThrottleKeys } from './login-throttle.ts';

export interface SignInAlertsDeps {
  audit: AuditService;
  notifications: NotificationsService;
  users: UsersService;
}

const KIND = 'security.sign_in_failures';

interface Notice {
  to: string[] | 'administrators';
  title: Text;
  body: Text;
  link: string;
}
const PROFILE_LINK = '/profile?tab=sessions';

/**
 * What a failed password check leaves behind, in the failure's own transaction: the audit entries
 * (the failure, a pair that started to wait, a burst) and the notices (ASVS V6.3.4: the owner hears
 * of repeated failures on their account; administrators of bursts, with a link to lift a wait).
 * The notice never reaches the person guessing, so telling a known account's owner reveals nothing;
 * an unknown name has no owner and is only audited.
 */
export class SignInAlerts {
  readonly #deps: SignInAlertsDeps;

  constructor(deps: SignInAlertsDeps) {
    this.#deps = deps;
  }

  /** Returns whether a notice was written (the caller then calls `notifications.committed()`). */
  async signInFailed(
    trx: Transaction<DB>,
    meta: RequestContext,
    f: {
      keys: ThrottleKeys;
      outcome: FailureOutcome;
      user: UserWithDepartment | undefined;
      /** The name as recorded: a known username, or an unknown one masked. */
      tried: string;
      reason: string;
    },
  ): Promise<boolean> {
    const { keys, outcome, user, tried } = f;
    const address = keys.addressLabel;
    const shown: string | Text = address ?? text('auth.notices.unknownAddress');
    const notices: Notice[] = [];
    if (user && outcome.waitBegan) {
      notices.push({
        to: [user.id],
        title: text('auth.notices.signInFailed.title'),
        body: text('auth.notices.signInFailed.body', {
          address: shown,
          failures: outcome.failures,
          seconds: outcome.retryAfterSeconds,
        }),
        link: PROFILE_LINK,
      });
    }
    if (user && outcome.accountBurstBegan) {
      notices.push(
        {
          to: [user.id],
          title: text('auth.notices.accountBurst.title'),
          body: text('auth.notices.accountBurst.body', { failures: outcome.accountFailures }),
          link: PROFILE_LINK,
        },
        {
          to: 'administrators',
          title: text('auth.notices.accountBurstAdmin.title', { username: user.username }),
          body: text('auth.notices.accountBurstAdmin.body', {
            username: user.username,
            name: user.display_name,
            failures: outcome.accountFailures,
            address: shown,
          }),
          link: `/org/users?user=${user.id}`,
        },
      );
    }
    if (outcome.addressBurstBegan) {
      notices.push({
        to: 'administrators',
        title: text('auth.notices.addressBurst.title', { address: shown }),
        body: text('auth.notices.addressBurst.body', { address: shown, failures: outcome.addressFailures }),
        link: '/org/audit',
      });
    }
    const notified = await this.#send(trx, notices, user?.id);

    // Audit last: the chain head is the last lock any transaction takes (no lock-order cycles).
    const audit = this.#deps.audit;
    const target = { actorLabel: tried, targetType: 'user', targetId: user?.id ?? null } as const;
    await audit.record(trx, meta, {
      action: 'auth.login.failed',
      ...target,
      summary: { username: tried, reason: f.reason },
    });
    if (outcome.waitBegan) {
      await audit.record(trx, meta, {
        action: 'auth.lockout',
        ...target,
        summary: {
          username: tried,
          by: 'account_address',
          address,
          failures: outcome.failures,
          retryAfterSeconds: outcome.retryAfterSeconds,
        },
      });
    }
    if (outcome.accountBurstBegan) {
      await audit.record(trx, meta, {
        action: 'auth.burst',
        ...target,
        summary: { by: 'account', username: tried, failures: outcome.accountFailures, windowMinutes: 60 },
      });
    }
    if (outcome.addressBurstBegan) {
      await audit.record(trx, meta, {
        action: 'auth.burst',
        actorLabel: tried,
        targetType: 'address',
        targetId: address,
        summary: { by: 'address', address, failures: outcome.addressFailures, windowMinutes: 60 },
      });
    }
    return notified;
  }

  /** A wrong current password on the password-change route: its own count, its own notices. */
  async passwordCheckFailed(
    trx: Transaction<DB>,
    ctx: ActorContext,
    outcome: FailureOutcome,
  ): Promise<boolean> {
    const { userId, username, displayName } = ctx.actor;
    const where: string | Text = ctx.ip ?? text('auth.notices.unknownAddress');
    // Someone holding the session but not the password is what a stolen session looks like.
    const notified = outcome.waitBegan
      ? await this.#send(
          trx,
          [
            {
              to: [userId],
              title: text('auth.notices.passwordCheckFailed.title'),
              body: text('auth.notices.passwordCheckFailed.body', {
                address: where,
                failures: outcome.failures,
              }),
              link: PROFILE_LINK,
            },
            {
              to: 'administrators',
              title: text('auth.notices.passwordCheckFailedAdmin.title', { username }),
              body: text('auth.notices.passwordCheckFailedAdmin.body', {
                username,
                name: displayName,
                failures: outcome.failures,
                address: where,
              }),
              link: `/org/users?user=${userId}`,
            },
          ],
          userId,
        )
      : false;
    const target = { targetType: 'user', targetId: userId } as const;
    await this.#deps.audit.record(trx, ctx, {
      action: 'auth.password.failed',
      ...target,
      summary: { username, reason: 'wrong_current_password', failures: outcome.failures },
    });
    if (outcome.waitBegan) {
      await this.#deps.audit.record(trx, ctx, {
        action: 'auth.lockout',
        ...target,
        summary: {
          username,
          by: 'password_change',
          failures: outcome.failures,
          retryAfterSeconds: outcome.retryAfterSeconds,
        },
      });
    }
    return notified;
  }

  /** Writes the notices; administrators are looked up once (the owner, if one, is not told twice). */
  async #send(trx: Transaction<DB>, notices: Notice[], owner?: string): Promise<boolean> {
    let admins: string[] | null = null;
    let sent = false;
    for (const { to, ...notice } of notices) {
      if (to === 'administrators') admins ??= await this.#deps.users.activeAdministrators(trx);
      const recipientIds = to === 'administrators' ? admins!.filter((id) => id !== owner) : to;
      if (recipientIds.length === 0) continue;
      await this.#deps.notifications.notify(trx, { kind: KIND, ...notice, recipientIds });
      sent = true;
    }
    return sent;
  }
}
