import { SYSTEM_CONTEXT } from '../../platform/auth/actor.ts';
import { generatePassword, hashPassword } from '../../platform/auth/passwords.ts';
import { newId } from '../../platform/crypto/ids.ts';
import { pinyinOf, searchTextOf } from '../../platform/text/chinese.ts';
import * as repo from './users.repository.ts';
import type { UsersDeps } from './users.service.ts';

/**
 * On first start with no users: the `admin` account with the configured password, or a
 * generated one the caller prints once (and must change at first sign-in).
 */
export async function bootstrapAdmin(
  deps: Pick<UsersDeps, 'db' | 'clock' | 'roles' | 'audit'>,
  password: string | null,
): Promise<{ created: boolean; generatedPassword: string | null }> {
  const db = deps.db;
  if ((await repo.count(db)) > 0) return { created: false, generatedPassword: null };
  const generated = password ? null : generatePassword();
  const hash = await hashPassword(password ?? generated!);
  const now = deps.clock.now().toISOString();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    if ((await repo.count(trx)) > 0) return;
    await repo.insert(trx, {
      id,
      username: 'admin',
      display_name: '系统管理员',
      kind: 'employee',
      status: 'active',
      email: null,
      title: null,
      employee_no: null,
      office_phone: null,
      department_id: null,
      locale: 'zh-CN',
      password_hash: hash,
      must_change_password: generated ? 1 : 0,
      search_text: searchTextOf('系统管理员', ['admin']),
      sort_key: pinyinOf('系统管理员').sortKey,
      last_login_at: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    await deps.roles.assignInitial(trx, id, ['system_admin', 'employee'], null);
    await deps.audit.record(trx, SYSTEM_CONTEXT, {
      action: 'system.bootstrap',
      targetType: 'user',
      targetId: id,
      summary: {
        username: 'admin',
        roles: ['system_admin', 'employee'],
        passwordGenerated: generated !== null,
      },
    });
  });
  return { created: true, generatedPassword: generated };
}
