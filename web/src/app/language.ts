import type { Locale } from '@liaison/contracts';
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useTranslation } from 'react-i18next';
import i18n, { isLanguage, loadLanguage, storeLanguage } from './i18n/index.ts';

dayjs.extend(localizedFormat);
dayjs.extend(relativeTime);

const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

/**
 * Switches every language-dependent piece together, once the language's texts have arrived. dayjs
 * goes first because i18next's change event is what re-renders the screens, and they format dates
 * while rendering.
 */
export async function applyLanguage(
  language: Locale,
  options: { persist: boolean } = { persist: true },
): Promise<void> {
  if (options.persist) storeLanguage(language);
  await loadLanguage(language);
  dayjs.locale(DAYJS_LOCALES[language]);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

export function currentLanguage(): Locale {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

export function useLanguage(): [Locale, (language: Locale) => Promise<void>] {
  const { i18n: instance } = useTranslation();
  const language = isLanguage(instance.language) ? instance.language : 'zh-CN';
  return [language, applyLanguage];
}

/** Loads the reader's language before the first render (main.tsx waits for it). */
export function startLanguage(): Promise<void> {
  return applyLanguage(currentLanguage(), { persist: false });
}
