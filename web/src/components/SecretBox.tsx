import { Alert, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A secret the server shows once (temporary password, API token), with a copy button. */
export function SecretBox({ notice, secret, hint }: { notice: ReactNode; secret: string; hint?: ReactNode }) {
  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={notice} />
      <Typography.Paragraph
        copyable={{ text: secret }}
        code
        data-testid="one-time-secret"
        style={{ fontSize: 16, margin: 0, wordBreak: 'break-all' }}
      >
        {secret}
      </Typography.Paragraph>
      {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
    </Flex>
  );
}
