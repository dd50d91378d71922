import { expect, type Locator, type Page, test } from '@playwright/test';
import { openChannel, signIn } from './demo-session.ts';

const MARKETING = '市场部-日常工作群';

/** Picks a person in a PeoplePicker (the directory is searched by username). */
async function pickPerson(page: Page, picker: Locator, username: string): Promise<void> {
  await picker.click();
  await page.keyboard.type(username);
  await page.locator(`[data-testid="person-option"][data-username="${username}"]`).click();
}

/** Picks a department in an open DepartmentSelect's tree. */
async function pickDepartment(page: Page, select: Locator, name: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-tree-title').getByText(name, { exact: true }).click();
}

/** The bell's count once the page has loaded it (the attribute is the number the badge shows). */
async function unreadOnBell(page: Page): Promise<number> {
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toBeVisible();
  return Number(await bell.getAttribute('data-unread'));
}

test.describe('tasks and department requests', () => {
  test('a task is assigned, noticed live, answered and finished on the board; a request is raised and answered', async ({
    browser,
  }, testInfo) => {
    // Three people sign in on a slow shared machine.
    test.slow();
    const stamp = Date.now() % 100_000;
    const title = `整理发布会媒体名单（${stamp}）`;
    const progress = `已联系 12 家媒体，8 家确认出席（${stamp}）`;

    // 陈静 waits on her task list; the bell's count is loaded once the live connection is up.
    const chen = await signIn(browser, 'chen.jing');
    const counted = chen.waitForResponse((r) => r.url().includes('/api/notifications/unread-count'));
    await chen.goto('/tasks');
    await counted;
    await expect(chen.getByTestId('tasks-page')).toBeVisible();
    const before = await unreadOnBell(chen);
    // Her page must not reload to see the notice: a marker on the window would not survive it.
    await chen.evaluate(() => {
      (window as unknown as { e2eMarker: number }).e2eMarker = 1;
    });

    // 刘洋 (head of 市场部) gives her a task with a checklist.
    const liu = await signIn(browser, 'liu.yang');
    await liu.getByTestId('menu-tasks').click();
    await liu.getByTestId('task-create').click();
    const drawer = liu.getByTestId('task-drawer');
    await drawer.getByTestId('task-title').fill(title);
    await drawer.getByTestId('task-description').fill('邀请名单以总经办审核版本为准，周五前发群里。');
    await pickPerson(liu, drawer.getByTestId('task-assignee'), 'chen.jing');
    await drawer.getByTestId('task-priority-input').getByText('高', { exact: true }).click();
    await drawer.getByRole('button', { name: '添加检查项' }).click();
    await drawer.getByPlaceholder('检查项内容').fill('核对媒体联系人');
    await liu.screenshot({ path: testInfo.outputPath('task-drawer.png') });
    await drawer.getByTestId('task-save').click();
    await expect(drawer).toBeHidden();
    await liu.getByTestId('task-tabs').getByText('我分配的').click();
    await expect(liu.getByTestId('tasks-table').getByText(title)).toBeVisible();
    await liu.screenshot({ path: testInfo.outputPath('tasks-created-liu.png') });

    // 陈静's bell counts it at once.
    await expect(chen.getByTestId('notification-bell')).toHaveAttribute('data-unread', String(before + 1));
    expect(await chen.evaluate(() => (window as unknown as { e2eMarker?: number }).e2eMarker)).toBe(1);
    await chen.getByTestId('notification-bell').click();
    const panel = chen.getByTestId('notification-panel');
    await expect(panel.getByTestId('notification-item').filter({ hasText: title })).toBeVisible();
    await chen.screenshot({ path: testInfo.outputPath('bell-chen.png') });

    // From the inbox she opens the task; reading it takes it off the count.
    await panel.getByTestId('notification-view-all').click();
    await expect(chen).toHaveURL(/\/notifications$/);
    const notice = chen
      .getByTestId('notifications-page')
      .getByTestId('notification-item')
      .filter({ hasText: title });
    await expect(notice).toHaveAttribute('data-unread', 'true');
    await chen.screenshot({ path: testInfo.outputPath('inbox-chen.png') });
    await notice.click();
    await expect(chen).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
    await expect(chen.getByTestId('task-detail-title')).toContainText(title);
    const taskUrl = chen.url();
    await expect(chen.getByTestId('notification-bell')).toHaveAttribute('data-unread', String(before));

    // She ticks the checklist and reports progress, moving it on to 进行中.
    const detail = chen.getByTestId('task-detail');
    // A controlled checkbox re-renders once the query cache tells it (after a tick), so click and
    // wait for the state rather than `check()`, which reads it straight after the click.
    const tick = detail.getByTestId('checklist-item').filter({ hasText: '核对媒体联系人' }).locator('input');
    await tick.click();
    await expect(tick).toBeChecked();
    await expect(detail.getByTestId('checklist-progress')).toHaveText('1 / 1 项已完成');
    await detail.getByTestId('task-reply-body').fill(progress);
    await detail.getByTestId('task-reply-status').click();
    await chen.locator('.ant-select-item-option').filter({ hasText: '进行中' }).click();
    await detail.getByTestId('task-reply-next').fill('周四前确认剩余 4 家');
    await detail
      .getByTestId('task-reply-box')
      .locator('input[type=file]')
      .setInputFiles({
        name: '媒体名单.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('媒体,联系人\n新华社,王记者\n'),
      });
    await expect(detail.getByTestId('task-reply-box').getByText('媒体名单.csv')).toBeVisible();
    await detail.getByTestId('task-reply-submit').click();
    const reply = detail.getByTestId('task-reply').filter({ hasText: progress });
    await expect(reply).toBeVisible();
    await expect(reply.getByTestId('reply-status-change')).toContainText('进行中');
    await expect(reply.getByRole('link', { name: '媒体名单.csv' })).toBeVisible();
    await expect(detail.getByTestId('task-status').first()).toHaveText('进行中');
    await chen.screenshot({ path: testInfo.outputPath('task-detail-chen.png'), fullPage: true });

    // On the board she drags the card from 进行中 to 已完成.
    await chen.getByTestId('menu-taskBoard').click();
    const card = chen.getByTestId('board-card').filter({ hasText: title });
    await expect(
      chen.getByTestId('board-column-in_progress').getByTestId('board-card').filter({ hasText: title }),
    ).toBeVisible();
    await chen.screenshot({ path: testInfo.outputPath('board-before-chen.png') });
    await card.dragTo(chen.getByTestId('board-column-done'));
    await expect(
      chen.getByTestId('board-column-done').getByTestId('board-card').filter({ hasText: title }),
    ).toBeVisible();
    await chen.screenshot({ path: testInfo.outputPath('board-after-chen.png') });
    // Stored, not only moved on screen; 刘洋 sees it finished too.
    await chen.reload();
    await expect(
      chen.getByTestId('board-column-done').getByTestId('board-card').filter({ hasText: title }),
    ).toBeVisible();
    // 刘洋's list of open tasks drops it without a reload; the task itself shows it finished.
    await expect(liu.getByTestId('tasks-table').getByText(title)).toBeHidden();
    await liu.goto(taskUrl);
    await expect(liu.getByTestId('task-detail').getByTestId('task-status').first()).toHaveText('已完成');
    await expect(liu.getByTestId('task-reply').filter({ hasText: progress })).toBeVisible();

    // 陈静 asks 法务部 for a contract review on behalf of 市场部.
    const subject = `发布会场地合同审核（${stamp}）`;
    await chen.getByTestId('menu-requests').click();
    await chen.getByTestId('request-create').click();
    const form = chen.getByTestId('request-drawer');
    await pickDepartment(chen, form.getByTestId('request-to'), '法务部');
    await form.getByTestId('request-title').fill(subject);
    await form.getByTestId('request-body').fill('场地合同已上传到群文件，请周三前给出审核意见。');
    await chen.screenshot({ path: testInfo.outputPath('request-drawer-chen.png') });
    await form.getByTestId('request-save').click();
    await expect(chen).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
    await expect(chen.getByTestId('request-detail-title')).toContainText(subject);
    await expect(chen.getByTestId('request-status')).toHaveText('待响应');

    // 朱琳 (法务部's liaison) finds it among the requests received and responds.
    const zhu = await signIn(browser, 'zhu.lin');
    await zhu.getByTestId('menu-requests').click();
    const row = zhu.getByTestId('requests-table').locator('tbody tr').filter({ hasText: subject });
    await expect(row).toBeVisible();
    await expect(row).toContainText('市场部');
    await expect(row.getByTestId('request-due')).toHaveAttribute('data-state', 'waiting');
    await zhu.screenshot({ path: testInfo.outputPath('requests-zhu.png') });
    await row.getByTestId('request-title-link').click();
    const answer = '已收到，周二下班前给出审核意见。';
    await zhu.getByTestId('request-reply-body').fill(answer);
    await zhu.getByTestId('request-reply-submit').click();
    await expect(zhu.getByTestId('request-event').filter({ hasText: answer })).toBeVisible();
    await expect(zhu.getByTestId('request-due')).toHaveAttribute('data-state', 'inTime');
    await zhu.screenshot({ path: testInfo.outputPath('request-detail-zhu.png'), fullPage: true });

    // The answer reaches 陈静's page.
    await expect(chen.getByTestId('request-event').filter({ hasText: answer })).toBeVisible();
  });

  test('a chat message becomes a task that links back to its channel', async ({ browser }, testInfo) => {
    const stamp = Date.now() % 100_000;
    const first = `确认发布会场地的布置方案（${stamp}）`;
    const second = '舞台朝向和签到台位置周三前定下来。';

    // 刘洋 writes in 市场部's group, then turns the message into a task from its actions.
    const liu = await signIn(browser, 'liu.yang');
    await openChannel(liu, MARKETING);
    await liu.getByTestId('composer-input').fill(`${first}\n${second}`);
    await liu.getByTestId('composer-input').press('Enter');
    const posted = liu.getByTestId('message').filter({ hasText: first });
    await expect(posted).toBeVisible();
    await posted.hover();
    await posted.getByTestId('message-action-more').click();
    const convert = liu.getByRole('menuitem', { name: '转为任务' });
    await expect(convert).toBeVisible();
    await liu.screenshot({ path: testInfo.outputPath('convert-menu.png') });
    await convert.click();

    // The drawer starts from the message: its first line, the whole text with who wrote it, the source.
    const drawer = liu.getByTestId('task-drawer');
    await expect(drawer.getByTestId('task-title')).toHaveValue(first);
    await expect(drawer.getByTestId('task-description')).toHaveValue(
      new RegExp(`^${first}\\n${second}\\n\\n—— 刘洋 发送于 `),
    );
    await expect(drawer.getByTestId('task-drawer-source')).toContainText(`#${MARKETING} · 刘洋`);
    await liu.screenshot({ path: testInfo.outputPath('convert-drawer.png') });
    await drawer.getByTestId('task-save').click();
    await expect(drawer).toBeHidden();

    // The confirmation links to the new task, whose source leads back to the conversation.
    await liu.getByTestId('task-created-link').click();
    await expect(liu).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
    await expect(liu.getByTestId('task-detail-title')).toContainText(first);
    const source = liu.getByTestId('task-source');
    await expect(source).toContainText(`#${MARKETING} · 刘洋`);
    await source.click();
    await expect(liu).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
    await expect(liu.getByTestId('channel-title')).toHaveText(MARKETING);
    await expect(liu.getByTestId('message').filter({ hasText: first })).toBeVisible();
  });
});
