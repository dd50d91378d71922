import { describe, expect, it } from 'vitest';
import { checkBoundaries, SERVICE_MAX_LINES, type SourceFile } from './boundaries.ts';

/** A small tree that follows every rule; each test breaks one. */
function tree(): SourceFile[] {
  return [
    {
      path: 'server/src/modules/tasks/tasks.tables.ts',
      text: 'export interface TasksTables {\n  tasks: TasksTable;\n  task_files: TaskFilesTable;\n}\n',
    },
    {
      path: 'server/src/modules/users/users.tables.ts',
      text: 'export interface UsersTables {\n  users: UsersTable;\n}\n',
    },
    {
      path: 'server/src/modules/tasks/tasks.repository.ts',
      text: "import type { TasksTable } from './tasks.tables.ts';\nexport const find = (db) => db.selectFrom('tasks').innerJoin('task_files', 'a', 'b');\n",
    },
    {
      path: 'server/src/modules/tasks/tasks.service.ts',
      text: "import * as repo from './tasks.repository.ts';\nimport type { UsersService } from '../users/users.service.ts';\n",
    },
    {
      path: 'server/src/modules/users/users.repository.ts',
      text: "export const find = (db) => db.selectFrom('users');\n",
    },
    {
      path: 'server/src/modules/users/users.service.ts',
      text: "import * as repo from './users.repository.ts';\n",
    },
    {
      path: 'server/src/platform/db/schema.ts',
      text: "import type { TasksTables } from '../../modules/tasks/tasks.tables.ts';\n",
    },
    {
      path: 'web/src/features/tasks/TasksPage.tsx',
      text: "import { UserPicker } from '../../components/UserPicker.tsx';\n",
    },
  ];
}

function change(files: SourceFile[], path: string, text: string): SourceFile[] {
  const others = files.filter((f) => f.path !== path);
  return [...others, { path, text }];
}

const rulesOf = (files: SourceFile[]) => checkBoundaries(files).map((v) => `${v.rule} ${v.file}:${v.line}`);

describe('the module boundary check', () => {
  it('passes a tree that follows the rules', () => {
    expect(rulesOf(tree())).toEqual([]);
  });

  it("catches a repository reading another module's table, with file and line", () => {
    const bad = change(
      tree(),
      'server/src/modules/tasks/tasks.repository.ts',
      "export const find = (db) =>\n  db.selectFrom('tasks').innerJoin('users as u', 'u.id', 'tasks.assignee_id');\n",
    );
    expect(rulesOf(bad)).toEqual(['foreign-table server/src/modules/tasks/tasks.repository.ts:2']);
  });

  it('catches the same in raw SQL', () => {
    const bad = change(
      tree(),
      'server/src/modules/tasks/tasks.repository.ts',
      "import { sql } from 'kysely';\nexport const n = (db) => sql`select count(*) from users`.execute(db);\n",
    );
    expect(rulesOf(bad)).toEqual(['foreign-table server/src/modules/tasks/tasks.repository.ts:2']);
  });

  it("catches an import of another module's repository or tables", () => {
    const bad = change(
      tree(),
      'server/src/modules/tasks/tasks.service.ts',
      "import * as users from '../users/users.repository.ts';\nimport type { UsersTables } from '../users/users.tables.ts';\n",
    );
    expect(rulesOf(bad)).toEqual([
      'foreign-repo server/src/modules/tasks/tasks.service.ts:1',
      'tables-import server/src/modules/tasks/tasks.service.ts:2',
    ]);
  });

  it('catches a query builder or `sql` outside a repository', () => {
    const bad = change(
      tree(),
      'server/src/modules/tasks/tasks.service.ts',
      "import { sql } from 'kysely';\nexport const n = (db) => db.selectFrom('tasks').execute();\n",
    );
    expect(rulesOf(bad).sort()).toEqual([
      'sql-outside-repo server/src/modules/tasks/tasks.service.ts:1',
      'sql-outside-repo server/src/modules/tasks/tasks.service.ts:2',
    ]);
  });

  it('catches two modules importing each other', () => {
    const bad = change(
      tree(),
      'server/src/modules/users/users.service.ts',
      "import * as repo from './users.repository.ts';\nimport type { TasksService } from '../tasks/tasks.service.ts';\n",
    );
    expect(rulesOf(bad)).toEqual(['module-cycle server/src/modules/tasks/tasks.service.ts:2']);
  });

  it('catches a web feature importing another feature', () => {
    const bad = change(
      tree(),
      'web/src/features/tasks/TasksPage.tsx',
      "import { UserPicker } from '../../components/UserPicker.tsx';\nimport { useRoles } from '../roles/queries.ts';\n",
    );
    expect(rulesOf(bad)).toEqual(['feature-import web/src/features/tasks/TasksPage.tsx:2']);
  });

  it('catches a service grown past the limit, and lets one at the limit pass', () => {
    const body = (lines: number) =>
      `${"import * as repo from './users.repository.ts';\n"}${'// …\n'.repeat(lines - 1)}`;
    const atLimit = change(tree(), 'server/src/modules/users/users.service.ts', body(SERVICE_MAX_LINES));
    expect(rulesOf(atLimit)).toEqual([]);
    const over = change(tree(), 'server/src/modules/users/users.service.ts', body(SERVICE_MAX_LINES + 1));
    expect(rulesOf(over)).toEqual([
      `service-size server/src/modules/users/users.service.ts:${SERVICE_MAX_LINES + 1}`,
    ]);
  });

  it('leaves tests alone', () => {
    const ok = [
      ...tree(),
      {
        path: 'server/src/modules/tasks/tasks.int.test.ts',
        text: "import * as users from '../users/users.repository.ts';\nconst n = db.selectFrom('users');\n",
      },
    ];
    expect(rulesOf(ok)).toEqual([]);
  });
});
