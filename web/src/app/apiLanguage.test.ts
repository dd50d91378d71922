import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request } from '../api/client.ts';
import { errorText } from './errors.ts';
import i18n, { loadLanguage } from './i18n/index.ts';

afterEach(() => vi.unstubAllGlobals());

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status, headers }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('the API in the reader’s language', () => {
  it('sends the UI language as Accept-Language on every call, and follows a switch', async () => {
    await loadLanguage('en-US');
    await i18n.changeLanguage('en-US');
    const fetch = answer(200, { ok: true });
    await request('/health');
    await i18n.changeLanguage('zh-CN');
    await request('/health');
    const sent = fetch.mock.calls.map((call) => (call as unknown as [string, RequestInit])[1].headers);
    expect(sent).toEqual([
      expect.objectContaining({ 'accept-language': 'en-US' }),
      expect.objectContaining({ 'accept-language': 'zh-CN' }),
    ]);
  });

  it('shows the server’s own message, and the client’s sentence for the code when there is none', async () => {
    await i18n.changeLanguage('zh-CN');
    answer(
      404,
      { error: { code: 'not_found', message: '找不到这条任务。' } },
      { 'content-language': 'zh-CN' },
    );
    const failure = await request('/tasks/x').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(errorText(failure)).toBe('找不到这条任务。');
    // A server that does not localise its messages yet (no Content-Language): the code's sentence.
    answer(404, { error: { code: 'not_found', message: 'Task not found' } });
    expect(errorText(await request('/tasks/x').catch((error: unknown) => error))).toBe(
      i18n.t('errors.not_found'),
    );
    expect(errorText(new ApiError('not_found', 'Not Found', 404))).toBe(i18n.t('errors.not_found'));
    expect(errorText(new Error('boom'))).toBe(i18n.t('errors.internal_error'));
  });
});
