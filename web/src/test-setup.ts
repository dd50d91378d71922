import { loadLanguage } from './app/i18n/index.ts';

// The app loads a language's texts on demand; tests that translate need both at hand.
await loadLanguage('zh-CN');
await loadLanguage('en-US');
