import type { ControlAction, ControlOutcome, ReviewStatus } from '@liaison/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Colours follow severity: record only (grey) → warn (gold) → mask (blue) → hold (orange) → block (red). */
export const ACTION_COLOUR: Record<ControlAction, string> = {
  audit: 'default',
  warn: 'gold',
  redact: 'blue',
  hold: 'orange',
  block: 'red',
};

const OUTCOME_COLOUR: Record<ControlOutcome, string> = {
  allowed: 'default',
  warned: 'gold',
  redacted: 'blue',
  held: 'orange',
  approved: 'green',
  rejected: 'red',
  blocked: 'red',
};

const STATUS_COLOUR: Record<ReviewStatus, string> = {
  pending: 'orange',
  open: 'processing',
  approved: 'green',
  rejected: 'red',
  reviewed: 'default',
  false_positive: 'purple',
};

export function ActionTag({ action }: { action: ControlAction }) {
  const { t } = useTranslation();
  return (
    <Tag color={ACTION_COLOUR[action]} data-testid="action-tag">
      {t(`control.actions.${action}`)}
    </Tag>
  );
}

export function OutcomeTag({ outcome }: { outcome: ControlOutcome }) {
  const { t } = useTranslation();
  return (
    <Tag color={OUTCOME_COLOUR[outcome]} variant="outlined">
      {t(`control.outcomes.${outcome}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} variant="filled" data-testid="status-tag">
      {t(`control.statuses.${status}`)}
    </Tag>
  );
}
