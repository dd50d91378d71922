import { expect, type Page, test } from '@playwright/test';
import { channelItem, signIn } from './demo-session.ts';

/** 杨帆 (市场部): a member of 市场部's group, and in every notice's audience. */
const READER = 'yang.fan';
/** 黄丽 (销售部 liaison): the assignee of the demo task below. */
const ASSIGNEE = 'huang.li';
const TASK = '星河零售年度合同续签';
const MARKETING = '市场部-日常工作群';
const PHONE = { width: 390, height: 844 };

/** The page never scrolls sideways: whatever is wide scrolls inside its own box. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

async function onPhone(page: Page): Promise<Page> {
  await page.setViewportSize(PHONE);
  return page;
}

test.describe('on a phone (390 × 844)', () => {
  test('the menu is a drawer opened from the header', async ({ browser }) => {
    const page = await onPhone(await signIn(browser, ASSIGNEE));
    await page.goto('/tasks');
    await expect(page.getByTestId('app-menu')).toBeHidden();
    await page.getByTestId('menu-open').click();
    await page.getByTestId('menu-announcements').click();
    await expect(page).toHaveURL(/\/announcements$/);
    await expect(page.getByTestId('menu-drawer').locator('.ant-drawer-content')).toBeHidden();
    await expectNoSidewaysScroll(page);
  });

  test('chat: the channel list, a conversation, a message sent, and back', async ({ browser }) => {
    const page = await onPhone(await signIn(browser, READER));
    await page.goto('/messages');
    // The list alone: no conversation is opened behind it.
    await expect(channelItem(page, MARKETING)).toBeVisible();
    await expect(page.getByTestId('channel-view')).toHaveCount(0);
    await expectNoSidewaysScroll(page);

    await channelItem(page, MARKETING).click();
    await expect(page.getByTestId('channel-title')).toHaveText(MARKETING);
    await expect(page.getByTestId('channel-list')).toHaveCount(0);
    const text = `手机上发的消息（${Date.now() % 10_000}）`;
    await page.getByTestId('composer-input').fill(text);
    await page.getByTestId('composer-input').press('Enter');
    await expect(page.getByTestId('message-body').filter({ hasText: text })).toBeVisible();
    await expectNoSidewaysScroll(page);

    await page.getByTestId('channel-back').click();
    await expect(page).toHaveURL(/\/messages$/);
    await expect(channelItem(page, MARKETING)).toBeVisible();
    await expectNoSidewaysScroll(page);
  });

  test('tasks: the list is cards, and a card opens its task', async ({ browser }) => {
    const page = await onPhone(await signIn(browser, ASSIGNEE));
    await page.goto('/tasks');
    const card = page.getByTestId('tasks-table').getByTestId('list-card').filter({ hasText: TASK });
    await expect(card).toBeVisible();
    await expect(page.locator('table')).toHaveCount(0);
    await expectNoSidewaysScroll(page);

    await card.locator('.lia-list-card-line').first().click();
    await expect(page).toHaveURL(/\/tasks\/[^/]+$/);
    await expect(page.getByText(TASK).first()).toBeVisible();
    await expectNoSidewaysScroll(page);
  });

  test('an announcement: opened, read and acknowledged', async ({ browser }) => {
    const page = await onPhone(await signIn(browser, READER));
    await page.goto('/announcements');
    const item = page.getByTestId('announcement-item').filter({ hasText: '关于年度体检安排的通知' });
    await expect(item).toBeVisible();
    await expectNoSidewaysScroll(page);

    await item.click();
    await expect(page.getByTestId('announcement-heading')).toContainText('关于年度体检安排的通知');
    await expect(page.getByTestId('announcement-body-view')).toContainText('美年大健康');
    await expectNoSidewaysScroll(page);
    await page.getByTestId('announcement-ack').click();
    await expect(page.getByTestId('announcement-ack-panel')).toContainText('您已于');
    await expect(page.getByTestId('announcement-ack')).toBeDisabled();
    await expectNoSidewaysScroll(page);
  });
});

test('a list keeps its filters in the URL: they survive a reload and the back button undoes them', async ({
  browser,
}) => {
  const page = await signIn(browser, ASSIGNEE);
  await page.getByTestId('menu-tasks').click();
  const table = page.getByTestId('tasks-table');
  await expect(table.getByText(TASK)).toBeVisible();

  await page.getByTestId('task-search').locator('input').fill('星河零售');
  await expect(page).toHaveURL(/[?&]q=%E6%98%9F%E6%B2%B3%E9%9B%B6%E5%94%AE/);
  await page.getByTestId('task-overdue-filter').click();
  await expect(page).toHaveURL(/[?&]overdue=true/);
  await expect(table.getByText(TASK)).toHaveCount(0);

  await page.reload();
  // A full load of the client on a busy machine: more time than one render.
  await expect(page.getByTestId('task-search').locator('input')).toHaveValue('星河零售', { timeout: 60_000 });
  await expect(page.getByTestId('task-overdue-filter')).toBeChecked();
  await expect(table.getByText(TASK)).toHaveCount(0);

  // Back undoes the last filter (overdue only); the search stays.
  await page.goBack();
  await expect(page).not.toHaveURL(/overdue=/);
  await expect(page.getByTestId('task-overdue-filter')).not.toBeChecked();
  await expect(table.getByText(TASK)).toBeVisible();
});
