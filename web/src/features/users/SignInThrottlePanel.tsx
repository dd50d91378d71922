import { UnlockOutlined } from '@ant-design/icons';
import type { SignInThrottle } from '@liaison/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { getSignInThrottle } from '../../api/users.ts';
import { formatDateTime } from '../../app/format.ts';

type Source = SignInThrottle['sources'][number];

/**
 * 登录保护: who failed to sign in as this account recently, which addresses must wait, and the
 * button that lifts it all (the owner signing in from elsewhere is never refused, so this is for
 * the owner's own address, e.g. a shared office proxy after a burst).
 */
export function SignInThrottlePanel({
  userId,
  name,
  onLift,
}: {
  userId: string;
  name: string;
  onLift: (user: { id: string; displayName: string }) => void;
}) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: queryKeys.users.signInThrottle(userId),
    queryFn: () => getSignInThrottle(userId),
  });
  const data = query.data;
  const anything = !!data && (data.recentFailures > 0 || data.sources.length > 0 || !!data.passwordChange);

  return (
    <Flex vertical gap={8} data-testid="sign-in-throttle">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong>{t('users.signInProtection')}</Typography.Text>
        <Button
          icon={<UnlockOutlined />}
          disabled={!anything}
          onClick={() => onLift({ id: userId, displayName: name })}
          data-testid="sign-in-throttle-lift"
        >
          {t('users.liftThrottle')}
        </Button>
      </Flex>
      <Typography.Text type="secondary">{t('users.throttleHint')}</Typography.Text>
      {data && !anything && <Typography.Text>{t('users.throttleNone')}</Typography.Text>}
      {data && anything && (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              {
                key: 'recent',
                label: t('users.recentFailures'),
                children: (
                  <>
                    {data.recentFailures} {data.burst && <Tag color="red">{t('users.throttleBurst')}</Tag>}
                  </>
                ),
              },
              ...(data.passwordChange
                ? [
                    {
                      key: 'password',
                      label: t('users.throttlePasswordChange'),
                      children: (
                        <>
                          {data.passwordChange.failures}{' '}
                          <WaitTag seconds={data.passwordChange.retryAfterSeconds} />
                        </>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {data.sources.length > 0 && (
            <Table<Source>
              size="small"
              rowKey="address"
              pagination={false}
              dataSource={data.sources}
              scroll={{ x: 480 }}
              columns={[
                {
                  title: t('users.throttleAddress'),
                  dataIndex: 'address',
                  render: (address: string, source) => (
                    <>
                      <Typography.Text code>{address}</Typography.Text>
                      {source.addressBurst && <Tag color="orange">{t('users.throttleAddressBurst')}</Tag>}
                    </>
                  ),
                },
                { title: t('users.throttleFailures'), dataIndex: 'failures', width: 90 },
                {
                  title: t('users.throttleLastFailed'),
                  dataIndex: 'lastFailedAt',
                  width: 160,
                  render: (value: string) => formatDateTime(value),
                },
                {
                  title: t('users.throttleWait'),
                  dataIndex: 'retryAfterSeconds',
                  width: 120,
                  render: (seconds: number) => <WaitTag seconds={seconds} />,
                },
              ]}
            />
          )}
        </>
      )}
    </Flex>
  );
}

function WaitTag({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  return seconds > 0 ? (
    <Tag color="red">{t('users.throttleWaitSeconds', { seconds })}</Tag>
  ) : (
    <Tag>{t('users.throttleNoWait')}</Tag>
  );
}
