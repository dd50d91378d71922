import type { Department, PolicyScope } from '@liaison/contracts';
import type { TFunction } from 'i18next';
import { joinNames } from '../../shared/controlText.ts';

/** 对外 · 外部群 · 销售部、市场部: a policy's scope in one line. */
export function scopeSummary(t: TFunction, scope: PolicyScope, departments: readonly Department[]): string {
  const parts = [t(`control.scopeDirections.${scope.direction}`)];
  if (scope.channelKinds.length > 0)
    parts.push(
      joinNames(
        t,
        scope.channelKinds.map((kind) => t(`messaging.kinds.${kind}`)),
      ),
    );
  if (scope.departmentIds.length > 0) {
    const byId = new Map(departments.map((d) => [d.id, d.name]));
    parts.push(
      joinNames(
        t,
        scope.departmentIds.map((id) => byId.get(id) ?? '…'),
      ),
    );
  } else {
    parts.push(t('control.policy.everyone'));
  }
  return parts.join(' · ');
}
