import type { Locale } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { updateProfile } from '../../api/profile.ts';
import { useApiError } from '../../app/errors.ts';
import { LANGUAGES } from '../../app/i18n/index.ts';
import { useLanguage } from '../../app/language.ts';

export function PreferencesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [language, setLanguage] = useLanguage();

  const save = useMutation({
    mutationFn: (locale: Locale) => updateProfile({ locale }),
    onSuccess: (profile) => {
      queryClient.setQueryData(queryKeys.profile, profile);
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      message.success(t('profile.languageSaved'));
    },
    onError: (error) => showError(error),
  });

  return (
    <Form layout="vertical" style={{ maxWidth: 520 }}>
      <Form.Item label={t('language.label')} extra={t('profile.languageHint')}>
        <Radio.Group
          data-testid="profile-language"
          optionType="button"
          value={language}
          disabled={save.isPending}
          options={LANGUAGES.map((code) => ({ value: code, label: t(`language.${code}`) }))}
          onChange={(event) => {
            const next = event.target.value as Locale;
            setLanguage(next);
            save.mutate(next);
          }}
        />
      </Form.Item>
    </Form>
  );
}
