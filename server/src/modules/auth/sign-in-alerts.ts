import type { Transaction } from 'kysely';
import type { ActorContext, RequestContext } from '../../platform/auth/actor.ts';
import type { DB } from '../../platform/db/schema.ts';
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
  title: string;
  body: string;
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
    const notices: Notice[] = [];
    if (user && outcome.waitBegan) {
      notices.push({
        to: [user.id],
        title: '账号登录失败提醒',
        body: `您的账号从地址 ${address} 连续 ${outcome.failures} 次登录失败，该地址需等待 ${outcome.retryAfterSeconds} 秒后才能再试；您在其他地址的登录不受影响。如果不是您本人操作，请尽快修改密码。`,
        link: PROFILE_LINK,
      });
    }
    if (user && outcome.accountBurstBegan) {
      notices.push(
        {
          to: [user.id],
          title: '账号遭遇大量登录尝试',
          body: `最近一小时内您的账号已有 ${outcome.accountFailures} 次登录失败。失败过的地址需等待后才能再试，您本人的正确登录不受影响。如果不是您本人操作，请尽快修改密码。`,
          link: PROFILE_LINK,
        },
        {
          to: 'administrators',
          title: `账号 ${user.username} 遭遇大量登录尝试`,
          body: `最近一小时内账号 ${user.username}（${user.display_name}）已有 ${outcome.accountFailures} 次登录失败，最近一次来自 ${address}。现在每个地址只有一次尝试机会，之后需等待。可在用户管理中查看来源并解除限制。`,
          link: `/org/users?user=${user.id}`,
        },
      );
    }
    if (outcome.addressBurstBegan) {
      notices.push({
        to: 'administrators',
        title: `地址 ${address} 大量登录失败`,
        body: `最近一小时内来自 ${address} 的登录失败已达 ${outcome.addressFailures} 次，涉及多个账号名。该地址上失败过的账号名需等待后才能再试，同一地址其他人的正确登录不受影响。`,
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
    const where = ctx.ip ?? '未知';
    // Someone holding the session but not the password is what a stolen session looks like.
    const notified = outcome.waitBegan
      ? await this.#send(
          trx,
          [
            {
              to: [userId],
              title: '修改密码时多次输错当前密码',
              body: `在您已登录的设备上（地址 ${where}）连续 ${outcome.failures} 次输错当前密码，修改密码需等待后才能再试。如果不是您本人操作，请在“登录设备”中注销该设备。`,
              link: PROFILE_LINK,
            },
            {
              to: 'administrators',
              title: `账号 ${username} 修改密码时多次输错当前密码`,
              body: `${displayName}（${username}）在已登录的会话中连续 ${outcome.failures} 次输错当前密码（地址 ${where}），可能是会话被他人使用。`,
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
