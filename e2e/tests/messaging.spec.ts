import { expect, test } from '@playwright/test';
import { openChannel, signIn } from './demo-session.ts';

const MARKETING = '市场部-日常工作群';

test.describe('messaging', () => {
  test('a message arrives live, is found by a Chinese word, and external users see only their channel', async ({
    browser,
  }, testInfo) => {
    // Three people signed in at once, each with a live connection: give it the time the others get.
    test.slow();
    // A sentence without spaces: finding it by 合同 needs real Chinese word segmentation.
    const sentence = `明天下午三点讨论新品发布会的场地合同（${Date.now() % 10_000}）`;
    const chen = await signIn(browser, 'chen.jing');
    const liu = await signIn(browser, 'liu.yang');
    await openChannel(chen, MARKETING);
    await openChannel(liu, MARKETING);

    // 刘洋's page must not reload to see it: a marker on the window would not survive a reload.
    await liu.evaluate(() => {
      (window as unknown as { e2eMarker: number }).e2eMarker = 1;
    });

    await chen.getByTestId('composer-input').fill(sentence);
    await chen.getByTestId('composer-input').press('Enter');
    await expect(chen.getByTestId('composer-input')).toHaveValue('');
    await expect(chen.getByTestId('message-body').filter({ hasText: sentence })).toBeVisible();

    const delivered = liu.getByTestId('message').filter({ hasText: sentence });
    await expect(delivered).toBeVisible();
    await expect(delivered.getByTestId('message-author')).toHaveText('陈静');
    expect(await liu.evaluate(() => (window as unknown as { e2eMarker?: number }).e2eMarker)).toBe(1);
    await liu.screenshot({ path: testInfo.outputPath('chat-liu.yang.png') });

    // Search by a word inside the sentence; the match is highlighted.
    await liu.getByTestId('menu-messageSearch').click();
    await expect(liu).toHaveURL(/\/messages\/search/);
    await liu.getByTestId('search-input').locator('input').fill('合同');
    await liu.getByTestId('search-input').locator('input').press('Enter');
    const hit = liu
      .getByTestId('search-hit')
      .filter({ hasText: sentence.slice(0, 10) })
      .first();
    await expect(hit).toBeVisible();
    await expect(hit.getByTestId('search-hit-channel')).toHaveText(MARKETING);
    await expect(hit.locator('mark').first()).toHaveText('合同');
    await liu.screenshot({ path: testInfo.outputPath('search-liu.yang.png') });

    // The result opens the conversation at that message.
    await hit.click();
    await expect(liu).toHaveURL(/\/messages\/[^/?]+\?seq=\d+/);
    await expect(liu.getByTestId('message').filter({ hasText: sentence })).toBeVisible();

    // The external contact of 星河零售集团 sees the one channel shared with them, and no internal menu.
    const deng = await signIn(browser, 'deng.jianguo');
    await expect(deng).toHaveURL(/\/messages/);
    await expect(deng.getByTestId('channel-item')).toHaveCount(1);
    await expect(deng.getByTestId('channel-item')).toContainText('星河零售集团-项目沟通群');
    await expect(deng.getByTestId('channel-list')).not.toContainText(MARKETING);
    await expect(deng.getByTestId('menu-dashboard')).toHaveCount(0);
    await expect(deng.getByTestId('menu-departments')).toHaveCount(0);
    await expect(deng.getByTestId('menu-messaging')).toBeVisible();
    await deng.screenshot({ path: testInfo.outputPath('chat-deng.jianguo.png') });
  });

  test('a 1:1 is started from the directory by pinyin, mentions work right after Chinese text', async ({
    browser,
  }, testInfo) => {
    const chen = await signIn(browser, 'chen.jing');
    await chen.goto('/messages');
    await chen.getByTestId('channel-create').click();
    await chen.getByTestId('create-direct').click();
    const modal = chen.getByRole('dialog', { name: '发起私聊 / 群聊' });
    await expect(modal).toBeVisible();

    // The directory matches 刘洋 by the start of his name's pinyin.
    await modal.getByTestId('direct-people').click();
    await chen.keyboard.type('liuy');
    const option = chen.getByTestId('person-option').filter({ hasText: '刘洋' });
    await expect(option).toBeVisible();
    await expect(option).toContainText('市场部');
    await chen.screenshot({ path: testInfo.outputPath('direct-picker-chen.jing.png') });
    await option.click();
    await modal.getByRole('button', { name: /开始聊天/ }).click();

    await expect(chen.getByTestId('channel-title')).toHaveText('刘洋');
    await expect(chen).toHaveURL(/\/messages\/[^/?]+$/);

    // Two people only: nobody can be added, and neither can leave.
    await chen.getByTestId('header-members').click();
    await expect(chen.getByTestId('one-to-one-hint')).toBeVisible();
    await expect(chen.getByTestId('member-row')).toHaveCount(2);
    await expect(chen.getByTestId('members-add-picker')).toHaveCount(0);
    await expect(chen.getByTestId('member-leave')).toHaveCount(0);

    // 请@liu picks him from the mention list; the server takes the mention without a space before @.
    const input = chen.getByTestId('composer-input');
    await input.click();
    await input.pressSequentially('请@liu');
    await expect(chen.getByTestId('mention-picker')).toContainText('刘洋');
    await input.press('Enter');
    await input.pressSequentially('看一下');
    await expect(input).toHaveValue('请@liu.yang 看一下');
    await input.press('Enter');
    const sent = chen.getByTestId('message').filter({ hasText: '看一下' }).last();
    await expect(sent.locator('.lia-mention')).toHaveText('@刘洋');
    const channelId = await chen.getByTestId('channel-view').getAttribute('data-channel-id');
    const page = await (await chen.request.get(`/api/channels/${channelId}/messages?limit=5`)).json();
    const stored = (page.items as { body: string; mentions: string[] }[]).find(
      (m) => m.body === '请@liu.yang 看一下',
    );
    expect(stored?.mentions).toHaveLength(1);
    await chen.screenshot({ path: testInfo.outputPath('direct-chen.jing.png') });
  });
});
