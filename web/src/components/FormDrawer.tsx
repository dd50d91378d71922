import { Button, Drawer, Flex, Grid } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './formDrawer.css';

/**
 * The one drawer of a form: a title, the body, and the shared footer (Cancel, then Submit with its
 * spinner). On a phone (< 576 px) it takes the whole screen and its form runs in one column.
 */
export function FormDrawer({
  open,
  onClose,
  title,
  children,
  width = 560,
  onSubmit,
  submitting = false,
  submitText,
  submitTestId,
  footer = true,
  footerExtra,
  testId,
  keepMounted = false,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  /** The desktop width; a phone always gets the full screen. */
  width?: number;
  /** Usually `() => form.submit()`. */
  onSubmit?: () => void;
  submitting?: boolean;
  /** Defaults to 保存 / Save. */
  submitText?: ReactNode;
  submitTestId?: string;
  /** false: no footer (e.g. a read-only tab). */
  footer?: boolean;
  /** Left of the footer's buttons (e.g. a delete button). */
  footerExtra?: ReactNode;
  testId?: string;
  /** Render the body while closed (a form whose instance the page uses before opening). */
  keepMounted?: boolean;
}) {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().sm === false;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={phone ? '100%' : width}
      destroyOnHidden={!keepMounted}
      forceRender={keepMounted}
      rootClassName={phone ? 'lia-form-drawer lia-form-drawer-phone' : 'lia-form-drawer'}
      data-testid={testId}
      footer={
        footer && (
          <Flex justify={footerExtra ? 'space-between' : 'flex-end'} gap={8}>
            {footerExtra}
            <Flex gap={8}>
              <Button onClick={onClose}>{t('common.cancel')}</Button>
              {onSubmit && (
                <Button type="primary" loading={submitting} onClick={onSubmit} data-testid={submitTestId}>
                  {submitText ?? t('common.save')}
                </Button>
              )}
            </Flex>
          </Flex>
        )
      }
    >
      {children}
    </Drawer>
  );
}
