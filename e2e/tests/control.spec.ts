import { expect, type Page, test } from '@playwright/test';
import { openChannel, signIn } from './demo-session.ts';

/** 黄丽 owns it; 邓建国 of 星河零售集团 is its external contact. */
const EXTERNAL = '星河零售集团-项目沟通群';
/** A bank card number that passes the Luhn check. */
const CARD = '6222021234567890128';

async function send(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('composer-input');
  await input.fill(text);
  await input.press('Enter');
  await expect(input).toHaveValue('');
}

test.describe('communication control', () => {
  test('a warning is confirmed with a reason; a held message is approved by compliance and delivered', async ({
    browser,
  }, testInfo) => {
    // Three people sign in one after another on a slow shared machine.
    test.slow();
    const stamp = Date.now() % 100_000;
    const secret = `这是本次投标底价的测算表，请邓总参考（${stamp}）`;
    const payment = `请把货款打到银行卡 ${CARD}（${stamp}）`;

    const huang = await signIn(browser, 'huang.li');
    await openChannel(huang, EXTERNAL);

    // A word of the confidential dictionary: the sender is asked, and must give a reason.
    await send(huang, secret);
    const dialog = huang.getByRole('dialog', { name: /是否继续对外发送/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('policy-confirm-title')).toHaveText(
      '该内容包含机密关键词，是否继续对外发送？',
    );
    await expect(dialog.getByTestId('policy-confirm-rules')).toContainText('机密信息外发管控');
    // Nothing is stored yet: the message waits for the decision, it has not failed.
    await expect(huang.getByTestId('message-pending').filter({ hasText: secret })).toHaveAttribute(
      'data-status',
      'confirm',
    );
    await huang.screenshot({ path: testInfo.outputPath('warning-dialog-huang.li.png') });
    await dialog.getByTestId('policy-confirm-ok').click();
    await expect(dialog).toContainText('请填写发送理由');
    await dialog.getByTestId('policy-justification').fill('客户已签署保密协议，报价经部门负责人批准');
    await dialog.getByTestId('policy-confirm-ok').click();
    await expect(dialog).toBeHidden();
    await expect(huang.getByTestId('message').filter({ hasText: secret })).toBeVisible();
    await expect(huang.getByTestId('message-pending')).toHaveCount(0);

    // A bank card number toward a customer is held for compliance review, visible to the sender only.
    await send(huang, payment);
    const held = huang.getByTestId('message-held').filter({ hasText: CARD });
    await expect(held).toBeVisible();
    await expect(held.getByTestId('held-tag')).toHaveText('待合规审核');
    await expect(held).toContainText('银行卡号');
    await expect(huang.getByTestId('message').filter({ hasText: CARD })).toHaveCount(0);
    await huang.screenshot({ path: testInfo.outputPath('held-huang.li.png') });

    // 朱琳 (compliance) finds it in the review queue, with the card number marked, and approves it.
    const zhu = await signIn(browser, 'zhu.lin');
    await zhu.getByTestId('menu-controlReview').click();
    await expect(zhu).toHaveURL(/\/compliance\/review/);
    const row = zhu
      .getByTestId('review-table')
      .locator('tbody tr')
      .filter({ hasText: '黄丽' })
      .filter({ hasText: '暂扣审核' })
      .first();
    await expect(row).toBeVisible();
    await expect(row).toContainText(EXTERNAL);
    await row.click();
    const drawer = zhu.getByTestId('review-drawer');
    await expect(drawer.getByTestId('control-content')).toContainText(payment);
    await expect(drawer.getByTestId('control-mark').filter({ hasText: CARD })).toBeVisible();
    await expect(drawer).toContainText('银行卡号');
    await zhu.screenshot({ path: testInfo.outputPath('review-zhu.lin.png') });
    await drawer.getByTestId('review-approve').click();
    await expect(drawer.getByTestId('status-tag')).toHaveText('已批准');

    // Delivered: the sender's held item gives way to the real message, live.
    await expect(huang.getByTestId('message').filter({ hasText: payment })).toBeVisible();
    await expect(huang.getByTestId('message-held')).toHaveCount(0);

    // The customer's contact sees both messages.
    const deng = await signIn(browser, 'deng.jianguo');
    await openChannel(deng, EXTERNAL);
    await expect(deng.getByTestId('message').filter({ hasText: payment })).toBeVisible();
    await expect(deng.getByTestId('message').filter({ hasText: secret })).toBeVisible();
    await deng.screenshot({ path: testInfo.outputPath('chat-deng.jianguo.png') });
  });
});
