import { GlobalOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES } from './i18n/index.ts';
import { useLanguage } from './language.ts';

/** The language picker of the header and the sign-in page (kept apart so the sign-in page stays small). */
export function LanguageSwitch({ dark = false, compact = false }: { dark?: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  const [language, setLanguage] = useLanguage();
  const items: MenuProps['items'] = LANGUAGES.map((code) => ({ key: code, label: t(`language.${code}`) }));
  return (
    <Dropdown
      menu={{
        items,
        selectable: true,
        selectedKeys: [language],
        onClick: ({ key }) => isLanguage(key) && setLanguage(key),
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        data-testid="language-switch"
        style={dark ? { color: '#fff' } : {}}
        aria-label={t(`language.${language}`)}
      >
        {/* On a phone, the globe alone: the language's name would push the header's other icons out. */}
        {!compact && t(`language.${language}`)}
      </Button>
    </Dropdown>
  );
}
