import { expect, type Locator, type Page, test } from '@playwright/test';
import { signIn } from './demo-session.ts';

/** Picks a department in an open department tree (a TreeSelect). */
async function pickDepartment(page: Page, select: Locator, name: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-tree-title').getByText(name, { exact: true }).click();
  await page.keyboard.press('Escape');
}

test.describe('announcements and approvals', () => {
  test('a notice needing acknowledgement is approved, reaches 市场部 live, is acknowledged and counted', async ({
    browser,
  }, testInfo) => {
    // Three or four people sign in on a slow shared machine.
    test.slow();
    const stamp = Date.now() % 100_000;
    const title = `关于开展信息安全培训的通知（${stamp}）`;

    // 陈静 (市场部) waits on the announcement feed; it must not reload to show the new notice.
    const chen = await signIn(browser, 'chen.jing');
    await chen.getByTestId('menu-announcements').click();
    await expect(chen.getByTestId('announcements-page')).toBeVisible();
    await expect(chen.getByTestId('announcement-item').filter({ hasText: title })).toHaveCount(0);
    await chen.evaluate(() => {
      (window as unknown as { e2eMarker: number }).e2eMarker = 1;
    });

    // 何静 (head of 人力资源部) writes a 通知 to 市场部 that must be acknowledged, and submits it.
    const he = await signIn(browser, 'he.jing');
    await he.getByTestId('menu-announcements').click();
    await he.getByTestId('announcement-create').click();
    const editor = he.getByTestId('announcement-editor');
    await editor.getByTestId('announcement-category-notice').click();
    await editor.getByTestId('announcement-title-input').fill(title);
    await editor.getByTestId('announcement-body-area').click();
    await he.keyboard.type('各位同事：');
    await he.keyboard.press('Enter');
    await editor.getByTestId('editor-bold').click();
    await he.keyboard.type('本周五下午两点');
    await editor.getByTestId('editor-bold').click();
    await he.keyboard.type('在三楼会议室开展信息安全培训，请准时参加。');
    await expect(editor.getByTestId('announcement-department')).toContainText('人力资源部');
    await editor.getByTestId('announcement-requires-ack').click();
    await expect(editor.getByTestId('announcement-ack-deadline')).toBeVisible();
    await pickDepartment(he, editor.getByTestId('audience-departments'), '市场部');
    await expect(editor.getByTestId('audience-preview')).toContainText(/将送达 [1-9]\d* 人/);
    await expect(editor.getByTestId('approval-notice')).toBeVisible();
    await he.screenshot({ path: testInfo.outputPath('editor-he.png'), fullPage: true });
    await editor.getByTestId('announcement-submit').click();

    // It waits for approval; the approval shows who decides the first step.
    await expect(he).toHaveURL(/\/announcements\/[0-9a-f-]{36}$/);
    const announcementUrl = he.url();
    await expect(he.getByTestId('announcement-heading')).toContainText(title);
    await expect(he.getByTestId('announcement-status').first()).toHaveText('审批中');
    const flow = he.getByTestId('approval-card');
    await expect(flow.getByTestId('approval-approver').first()).toBeVisible();
    const approvers = await flow
      .locator('.ant-steps-item-process')
      .getByTestId('approval-approver')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-username') ?? ''));
    expect(approvers.length).toBeGreaterThan(0);
    expect(approvers).not.toContain('he.jing');
    await he.screenshot({ path: testInfo.outputPath('submitted-he.png'), fullPage: true });

    // The approver finds it in 审批 → 待我审批 and approves it.
    const approver = await signIn(browser, approvers[0]!);
    await approver.getByTestId('menu-approvals').click();
    const row = approver.getByTestId('approvals-table').locator('tr').filter({ hasText: title });
    await row.click();
    const drawer = approver.getByTestId('approval-drawer');
    await expect(drawer.getByTestId('approval-timeline')).toBeVisible();
    // The approver reads what they approve without leaving the approval: the notice itself.
    const subject = drawer.getByTestId('approval-subject');
    await expect(subject.getByTestId('approval-subject-title')).toHaveText(title);
    await expect(subject.getByTestId('approval-subject-category')).toHaveText('通知');
    await expect(subject.getByTestId('approval-subject-audienceDepartments')).toHaveText('市场部');
    await expect(subject.getByTestId('approval-subject-requiresAck')).toHaveText('是');
    await expect(subject.getByTestId('announcement-body-view')).toContainText('在三楼会议室开展信息安全培训');
    await expect(subject.locator('b, strong')).toHaveText('本周五下午两点');
    // 人力资源部 has no department above it: the division step was skipped, and the timeline says why.
    await expect(drawer.getByTestId('approval-skip-reason')).toHaveText(
      '跳过「分管领导审批」：部门「人力资源部」没有上级负责人',
    );
    await approver.screenshot({ path: testInfo.outputPath('approval-drawer.png') });
    await drawer.getByTestId('approval-approve').click();
    await approver.getByTestId('approval-comment').fill('同意发布。');
    await approver.getByTestId('approval-confirm').click();
    await expect(drawer.getByTestId('approval-status')).toHaveText('已通过');
    await expect(drawer.getByTestId('approval-action').filter({ hasText: '同意发布。' })).toBeVisible();

    // 陈静's feed shows it at once, unread and asking for acknowledgement.
    const item = chen.getByTestId('announcement-item').filter({ hasText: title });
    await expect(item).toBeVisible();
    await expect(item).toHaveAttribute('data-unread', 'true');
    await expect(item.getByTestId('announcement-needs-ack')).toBeVisible();
    expect(await chen.evaluate(() => (window as unknown as { e2eMarker?: number }).e2eMarker)).toBe(1);
    await chen.screenshot({ path: testInfo.outputPath('feed-chen.png') });

    // She opens it (which reads it) and acknowledges it before the deadline.
    await item.click();
    await expect(chen.getByTestId('announcement-heading')).toContainText(title);
    await expect(chen.getByTestId('announcement-body-view').locator('b, strong')).toHaveText(
      '本周五下午两点',
    );
    await expect(chen.getByTestId('announcement-ack-panel')).toContainText('请在');
    await chen.screenshot({ path: testInfo.outputPath('read-chen.png'), fullPage: true });
    await chen.getByTestId('announcement-ack').click();
    await expect(chen.getByTestId('announcement-ack-panel')).toContainText('您已于');
    await expect(chen.getByTestId('announcement-ack')).toBeDisabled();

    // 何静's statistics count one acknowledgement, in 市场部.
    await he.goto(announcementUrl);
    await he.getByTestId('announcement-stats').click();
    await expect(he).toHaveURL(/\/stats$/);
    await expect(he.getByTestId('stats-acknowledged')).toContainText('1');
    const marketing = he.getByTestId('stats-table').locator('tr').filter({ hasText: '市场部' });
    await expect(marketing.getByTestId('dept-acked')).toHaveAttribute('data-value', '1');
    await expect(he.getByTestId('not-read-table')).not.toContainText('陈静');
    await he.screenshot({ path: testInfo.outputPath('stats-he.png'), fullPage: true });
  });
});
