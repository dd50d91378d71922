import { ExperimentOutlined } from '@ant-design/icons';
import type { PolicyTestResult } from '@liaison/contracts';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Input,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { testPolicies } from '../../api/control.ts';
import { useApiError } from '../../app/errors.ts';
import { ChannelIdSelect } from '../../components/ChannelIdSelect.tsx';
import { kindName, percent } from '../../shared/controlText.ts';
import { ActionTag } from './ControlTags.tsx';
import { HighlightedContent } from './HighlightedContent.tsx';

/**
 * 试一试: a sample text through the enabled policies (test-mode ones too), as if sent to the chosen
 * channel (or to a counterparty when none is chosen). Nothing is sent or recorded.
 */
export function PolicyTestCard() {
  const { t } = useTranslation();
  const showError = useApiError();
  const [text, setText] = useState('');
  const [channelId, setChannelId] = useState<string | undefined>();
  const run = useMutation({
    mutationFn: (sample: { text: string; channelId?: string }) => testPolicies(sample.text, sample.channelId),
    onError: (error) => showError(error),
  });
  const result = run.data;
  // The result's offsets point into the text as it was checked, not as it is being edited since.
  const tested = run.variables?.text ?? null;

  return (
    <Card
      title={
        <Space>
          <ExperimentOutlined />
          {t('control.test.title')}
        </Space>
      }
      data-testid="policy-test"
    >
      <Row gutter={24}>
        <Col xs={24} lg={11}>
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">{t('control.test.intro')}</Typography.Text>
            <Input.TextArea
              value={text}
              onChange={(e) => setText(e.target.value)}
              autoSize={{ minRows: 5, maxRows: 10 }}
              maxLength={10_000}
              placeholder={t('control.test.placeholder')}
              data-testid="policy-test-text"
            />
            <Flex gap={8} wrap>
              <ChannelIdSelect
                value={channelId}
                onChange={setChannelId}
                placeholder={t('control.test.channelPlaceholder')}
              />
              <Button
                type="primary"
                disabled={!text.trim()}
                loading={run.isPending}
                onClick={() => run.mutate({ text, channelId })}
                data-testid="policy-test-run"
              >
                {t('control.test.run')}
              </Button>
            </Flex>
          </Flex>
        </Col>
        <Col xs={24} lg={13}>
          {result && tested !== null ? (
            <TestResult result={result} text={tested} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('control.test.empty')} />
          )}
        </Col>
      </Row>
    </Card>
  );
}

function TestResult({ result, text }: { result: PolicyTestResult; text: string }) {
  const { t } = useTranslation();
  const names = useMemo(() => {
    const byDetector = new Map<string, string>();
    for (const m of result.rules) for (const k of m.kinds) byDetector.set(k.detector, kindName(t, k));
    return (detector: string) => byDetector.get(detector) ?? detector;
  }, [result, t]);
  return (
    <Flex vertical gap={12} data-testid="policy-test-result">
      {result.action ? (
        <Alert
          type={result.action === 'block' || result.action === 'hold' ? 'error' : 'warning'}
          showIcon
          title={
            <Space>
              {t('control.test.verdict')}
              <ActionTag action={result.action} />
            </Space>
          }
          description={t(`control.actionHints.${result.action}`)}
        />
      ) : (
        <Alert
          type="success"
          showIcon
          title={result.rules.length > 0 ? t('control.test.onlyTestMode') : t('control.test.nothing')}
        />
      )}
      {result.rules.length > 0 && (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={result.rules.map((m) => ({
            key: `${m.policyId}:${m.ruleId}`,
            label: (
              <Space orientation="vertical" size={0}>
                <span>{m.ruleName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.policyName}
                </Typography.Text>
              </Space>
            ),
            children: (
              <Space wrap size={[4, 4]}>
                <ActionTag action={m.action} />
                {m.test && <Tag color="blue">{t('control.modes.test')}</Tag>}
                {m.kinds.map((k) => (
                  <Tag key={k.detector} variant="filled">
                    {kindName(t, k)} ·{' '}
                    {t('control.review.kindDetail', { count: k.count, confidence: percent(k.confidence) })}
                  </Tag>
                ))}
              </Space>
            ),
          }))}
        />
      )}
      {result.highlights.length > 0 && (
        <>
          <Typography.Text strong>{t('control.test.found')}</Typography.Text>
          <HighlightedContent content={text} highlights={result.highlights} names={names} />
          <Typography.Text strong>{t('control.test.redacted')}</Typography.Text>
          <div className="lia-control-content" data-testid="policy-test-redacted">
            {result.redacted}
          </div>
        </>
      )}
    </Flex>
  );
}
