import { randomBytes } from 'node:crypto';
import * as authRepo from '../../server/src/modules/auth/auth.repository.ts';
import { TOKEN_PREFIX } from '../../server/src/modules/auth/tokens.service.ts';
import * as channelsRepo from '../../server/src/modules/channels/channels.repository.ts';
import * as rolesRepo from '../../server/src/modules/roles/roles.repository.ts';
import * as usersRepo from '../../server/src/modules/users/users.repository.ts';
import { hashPassword } from '../../server/src/platform/auth/passwords.ts';
import { newId } from '../../server/src/platform/crypto/ids.ts';
import { sha256Hex } from '../../server/src/platform/crypto/keys.ts';
import type { Database } from '../../server/src/platform/db/database.ts';
import { pinyinOf, searchTextOf } from '../../server/src/platform/text/chinese.ts';
import type { Services } from '../../server/src/services.ts';
import { DEMO_PASSWORD } from '../../server/test/server-process.ts';
import { Rng } from './chat-text.ts';

/**
 * Bulk set-up for benchmarks, written through the server's own repositories on a database opened
 * with `openDatabase` (before the server starts on it, or instead of one). Creating thousands of
 * accounts over HTTP would cost an argon2 hash each (~60 ms, so two minutes for 2,000 users);
 * here every account shares one precomputed hash of the demo password and gets its personal API
 * token (only the SHA-256 is stored, as the server stores it), in a few large transactions. No
 * audit entries are written for these rows: they are fixtures, not actions.
 */

export interface SeededUser {
  id: string;
  username: string;
  displayName: string;
  /** The personal API token's secret, for `Authorization: Bearer`. */
  token: string;
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇浩然欣怡子轩'];

/** Employees with the built-in `employee` role (which includes `message.use`) and a token each. */
export async function seedUsers(
  database: Database,
  services: Services,
  count: number,
  prefix = 'bench',
): Promise<SeededUser[]> {
  const { db } = database;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const roleId = await services.roles.roleIdByKey(db, 'employee');
  const rng = new Rng(count);
  const now = new Date().toISOString();
  const users: SeededUser[] = [];
  const BATCH = 500;
  for (let start = 0; start < count; start += BATCH) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const id = newId();
        const username = `${prefix}${String(i).padStart(5, '0')}`;
        const displayName = rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.next() < 0.6 ? rng.pick(GIVEN) : '');
        const token = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
        await usersRepo.insert(trx, {
          id,
          username,
          display_name: displayName,
          kind: 'employee',
          status: 'active',
          email: `${username}@bench.example`,
          title: null,
          employee_no: null,
          office_phone: null,
          department_id: null,
          counterparty_id: null,
          locale: 'zh-CN',
          password_hash: passwordHash,
          must_change_password: 0,
          search_text: searchTextOf(displayName, [username]),
          sort_key: pinyinOf(displayName).sortKey,
          last_login_at: null,
          password_changed_at: now,
          created_at: now,
          updated_at: now,
        });
        await rolesRepo.replaceUserRoles(trx, id, [roleId], null, now);
        await authRepo.insertToken(trx, {
          id: newId(),
          user_id: id,
          name: 'bench',
          prefix: token.slice(0, TOKEN_PREFIX.length + 6),
          token_hash: sha256Hex(token),
          created_at: now,
          expires_at: null,
          last_used_at: null,
          revoked_at: null,
        });
        users.push({ id, username, displayName, token });
      }
    });
  }
  return users;
}

/**
 * A group conversation (`kind: 'direct'` with several members, as `POST /api/channels` makes it)
 * written straight into the tables, for corpora too large to create through the API.
 */
export async function seedGroup(
  database: Database,
  ownerId: string,
  memberIds: readonly string[],
  createdAt: string,
): Promise<string> {
  const id = newId(Date.parse(createdAt));
  await database.db.transaction().execute(async (trx) => {
    await channelsRepo.insert(trx, {
      id,
      kind: 'direct',
      name: '',
      topic: null,
      owner_id: ownerId,
      department_id: null,
      team_id: null,
      counterparty_id: null,
      direct_key: null,
      last_seq: 0,
      last_message_at: null,
      archived_at: null,
      created_by: ownerId,
      created_at: createdAt,
      updated_at: createdAt,
    });
    await channelsRepo.addMembers(
      trx,
      [ownerId, ...memberIds.filter((m) => m !== ownerId)].map((userId) => ({
        channel_id: id,
        user_id: userId,
        role: userId === ownerId ? ('owner' as const) : ('member' as const),
        added_by: ownerId,
        joined_at: createdAt,
      })),
    );
  });
  return id;
}
