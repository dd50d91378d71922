import { BUILT_IN_DETECTORS } from '@liaison/contracts';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDetectors } from './queries.ts';

/** A rule's detectors: the built-in types and the company's own dictionaries, patterns and labels. */
export function DetectorSelect({
  value,
  onChange,
  id,
  'data-testid': testId,
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const detectors = useDetectors();
  return (
    <Select
      id={id}
      data-testid={testId}
      mode="multiple"
      value={value ?? []}
      onChange={(next: string[]) => onChange?.(next)}
      loading={detectors.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('control.policy.detectorsPlaceholder')}
      options={[
        {
          label: t('control.policy.builtInGroup'),
          options: BUILT_IN_DETECTORS.map((key) => ({ value: key, label: t(`control.builtIn.${key}`) })),
        },
        {
          label: t('control.policy.customGroup'),
          options: (detectors.data ?? []).map((d) => ({
            value: d.id,
            label: `${d.name}（${t(`control.detectorTypes.${d.type}`)}）`,
          })),
        },
      ]}
      style={{ width: '100%' }}
    />
  );
}
