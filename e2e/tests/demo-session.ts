import { type Browser, expect, type Page } from '@playwright/test';

/** Every demo account's password (the server starts with `--demo` on a fresh database). */
export const DEMO_PASSWORD = 'Liaison@2026';

/** A separate browser context per person, signed in through the form. */
export async function signIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

export function channelItem(page: Page, name: string) {
  return page.getByTestId('channel-item').filter({ hasText: name });
}

/** Opens a conversation from the messages screen and waits until one can write in it. */
export async function openChannel(page: Page, name: string): Promise<void> {
  await page.goto('/messages');
  await channelItem(page, name).click();
  await expect(page.getByTestId('channel-title')).toHaveText(name);
  await expect(page.getByTestId('composer-input')).toBeVisible();
}
