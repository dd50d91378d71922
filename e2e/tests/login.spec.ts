import { expect, type Locator, type Page, test } from '@playwright/test';

/** Every demo account's password (the server starts with `--demo` on a fresh database). */
const DEMO_PASSWORD = 'Liaison@2026';

/** Opens the app signed out: it must land on the (Chinese) login page. */
async function openLoginPage(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByText('账号登录', { exact: true })).toBeVisible();
  await expect(page.getByTestId('login-username')).toBeVisible();
}

async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in through the form and waits for the dashboard to greet this person by name. */
async function signIn(page: Page, username: string, displayName: string): Promise<void> {
  await openLoginPage(page);
  await submitLogin(page, username, DEMO_PASSWORD);
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByTestId('dashboard-greeting')).toContainText(displayName);
  await expect(page.getByTestId('user-menu')).toContainText(displayName);
}

/**
 * A side-menu entry by its exact Chinese label. (Its accessible name also carries the icon's
 * aria-label, e.g. "apartment 部门", so match the visible text instead.)
 */
function menuItem(page: Page, label: string) {
  return page
    .getByTestId('app-menu')
    .getByRole('menuitem')
    .filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) });
}

/** A department in the tree by its exact name (the node also shows its member count). */
function departmentNode(scope: Page | Locator, name: string) {
  return scope.getByTestId('department-node').filter({ hasText: new RegExp(`^${name}\\d*$`) });
}

test.describe('sign-in and the permission-shaped menu', () => {
  test('a department head signs in, browses the department tree and sees no admin screens', async ({
    page,
  }, testInfo) => {
    await signIn(page, 'liu.yang', '刘洋');

    // The dashboard is about this person: their department and their role.
    const dashboard = page.getByTestId('dashboard');
    await expect(dashboard).toContainText('市场部');
    await expect(dashboard).toContainText('部门负责人');
    await page.screenshot({ path: testInfo.outputPath('dashboard-liu.yang.png'), fullPage: true });

    // The menu offers what the role grants, and only that.
    await expect(menuItem(page, '工作台')).toBeVisible();
    await expect(menuItem(page, '用户')).toBeVisible();
    await expect(menuItem(page, '部门')).toBeVisible();
    await expect(menuItem(page, '团队')).toBeVisible();
    await expect(menuItem(page, '角色权限')).toHaveCount(0);
    await expect(menuItem(page, '审计日志')).toHaveCount(0);
    await expect(page.getByTestId('app-menu')).not.toContainText('审计日志');
    await expect(page.getByTestId('app-menu')).not.toContainText('角色权限');

    // The department tree, reached from the menu, shows the whole company including sub-departments.
    await menuItem(page, '部门').click();
    await expect(page).toHaveURL(/\/org\/departments$/);
    const tree = page.getByTestId('department-tree');
    await expect(tree).toBeVisible();
    for (const name of ['总经办', '市场部', '信息部', '软件开发组', '运维组']) {
      await expect(departmentNode(tree, name)).toBeVisible();
    }
    // 软件开发组 sits under 信息部, not beside it.
    const it = tree.locator('.ant-tree-treenode').filter({ has: departmentNode(page, '信息部') });
    const dev = tree.locator('.ant-tree-treenode').filter({ has: departmentNode(page, '软件开发组') });
    await expect(it).toHaveCount(1);
    await expect(dev).toHaveCount(1);
    await expect(dev.locator('.ant-tree-indent-unit')).toHaveCount(
      (await it.locator('.ant-tree-indent-unit').count()) + 1,
    );
    await page.screenshot({ path: testInfo.outputPath('departments-liu.yang.png'), fullPage: true });

    // Typing an admin screen's address does not get around the menu.
    await page.goto('/org/audit');
    await expect(page.getByTestId('forbidden')).toBeVisible();
    await expect(page.getByTestId('forbidden')).toContainText('无权访问');
    await expect(page.getByTestId('audit-table')).toHaveCount(0);
  });

  test('the administrator sees the roles and audit screens', async ({ page }, testInfo) => {
    await signIn(page, 'admin', '系统管理员');

    await expect(menuItem(page, '部门')).toBeVisible();
    await expect(menuItem(page, '角色权限')).toBeVisible();
    await expect(menuItem(page, '审计日志')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('dashboard-admin.png'), fullPage: true });

    await menuItem(page, '角色权限').click();
    await expect(page).toHaveURL(/\/org\/roles$/);
    await expect(page.getByTestId('roles-table')).toContainText('部门负责人');

    await menuItem(page, '审计日志').click();
    await expect(page).toHaveURL(/\/org\/audit$/);
    // The administrator's own sign-in a moment ago is already on record.
    await expect(page.getByTestId('audit-table')).toContainText('登录成功');
    await page.screenshot({ path: testInfo.outputPath('audit-admin.png'), fullPage: true });

    // Signing out returns to the login page, and the app stays closed afterwards.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-logout').click();
    await expect(page).toHaveURL(/\/login(\?|$)/);
    await page.goto('/org/roles');
    await expect(page).toHaveURL(/\/login\?next=%2Forg%2Froles$/);
    await expect(page.getByTestId('login-submit')).toBeVisible();
  });

  test('a wrong password shows an error and stays on the login page', async ({ page }) => {
    await openLoginPage(page);
    await submitLogin(page, 'yang.fan', 'not-the-password-1');

    await expect(page.getByTestId('login-error')).toBeVisible();
    await expect(page.getByTestId('login-error')).toContainText('用户名或密码错误');
    await expect(page).toHaveURL(/\/login(\?|$)/);
    await expect(page.getByTestId('login-username')).toHaveValue('yang.fan');
    await expect(page.getByTestId('dashboard')).toHaveCount(0);

    // The same form then accepts the right password.
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await expect(page.getByTestId('login-error')).toHaveCount(0);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('dashboard-greeting')).toContainText('杨帆');
  });

  test('an external user refused a screen is offered their own first screen and sign-out', async ({
    page,
  }, testInfo) => {
    await openLoginPage(page);
    await submitLogin(page, 'deng.jianguo', DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/messages/);

    // Typing the address of a screen they may not open.
    await page.goto('/org/users');
    await expect(page.getByTestId('forbidden')).toBeVisible();
    // No 工作台 for an external user: the first screen their menu offers instead.
    await expect(page.getByTestId('status-landing')).toHaveText('前往消息');
    await expect(page.getByText('返回工作台')).toHaveCount(0);
    // Opened straight from the address bar, there is no page of ours to go back to.
    await expect(page.getByTestId('status-back')).toHaveCount(0);
    await expect(page.getByTestId('status-sign-out')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('forbidden-deng.jianguo.png') });
    await page.getByTestId('status-landing').click();
    // The chat reopens their one conversation on a desktop as soon as the list is known.
    await expect(page).toHaveURL(/\/messages(\/[0-9a-f-]+)?$/);
    await expect(page.getByTestId('channel-item')).toHaveCount(1);

    // And out, to sign in as someone else.
    await page.goto('/');
    await expect(page).toHaveURL(/\/messages(\/[0-9a-f-]+)?$/);
    await page.goto('/org/audit');
    await page.getByTestId('status-sign-out').click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByTestId('login-username')).toBeVisible();
  });
});
