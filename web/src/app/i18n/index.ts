import type { Locale } from '@liaison/contracts';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setRequestLanguage } from '../../api/client.ts';
import type { Messages } from './zh-CN.ts';

export const LANGUAGES: readonly Locale[] = ['zh-CN', 'en-US'];
const STORAGE_KEY = 'liaison.language';

export function isLanguage(value: unknown): value is Locale {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the user picked on this browser, if any. */
export function storedLanguage(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function storeLanguage(language: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

/**
 * Each language's texts are a chunk of their own, loaded before the first render (main.tsx) and when
 * someone switches: a reader downloads one language, not both.
 */
const BUNDLES: Record<Locale, () => Promise<{ default: Messages }>> = {
  'zh-CN': () => import('./zh-CN.ts'),
  'en-US': () => import('./en-US.ts'),
};

export async function loadLanguage(language: Locale): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  const { default: messages } = await BUNDLES[language]();
  i18n.addResourceBundle(language, 'translation', messages);
}

// Every API call carries the UI language (Accept-Language), from the first one on.
i18n.on('languageChanged', (language) => setRequestLanguage(language));

void i18n.use(initReactI18next).init({
  resources: {},
  partialBundledLanguages: true,
  lng: storedLanguage() ?? 'zh-CN',
  // Both languages have every key (a test checks), so there is nothing to fall back to.
  fallbackLng: false,
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export default i18n;
