import type { Locale } from '@liaison/contracts';
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useTranslation } from 'react-i18next';
import i18n, { isLanguage, storeLanguage } from './i18n/index.ts';

dayjs.extend(localizedFormat);
dayjs.extend(relativeTime);

const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

/**
 * Switches every language-dependent piece together. dayjs goes first because i18next's change
 * event is what re-renders the screens, and they format dates while rendering.
 */
export function applyLanguage(language: Locale, options: { persist: boolean } = { persist: true }): void {
  dayjs.locale(DAYJS_LOCALES[language]);
  document.documentElement.lang = language;
  if (options.persist) storeLanguage(language);
  void i18n.changeLanguage(language);
}

export function currentLanguage(): Locale {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

export function useLanguage(): [Locale, (language: Locale) => void] {
  const { i18n: instance } = useTranslation();
  const language = isLanguage(instance.language) ? instance.language : 'zh-CN';
  return [language, applyLanguage];
}

applyLanguage(currentLanguage(), { persist: false });
