import type {
  ChannelKind,
  ControlAction,
  ControlDirection,
  ControlPolicy,
  PolicyMode,
  SavePolicyRequest,
} from '@liaison/contracts';

export type BehaviourKind = 'none' | 'flooding' | 'repetition';

/** A rule as the editor holds it: the behaviour condition always present, `none` when off. */
export interface RuleFormValues {
  /** Kept across edits, so recorded matches keep pointing at their rule. */
  id?: string;
  name: string;
  detectors: string[];
  minConfidence: number;
  minCount: number;
  behaviour: {
    kind: BehaviourKind;
    maxMessages?: number;
    maxRepeats?: number;
    windowSeconds?: number;
  };
  counterpartyIds: string[];
  senderDepartmentIds: string[];
  action: ControlAction;
  requireJustification: boolean;
}

/** The editor's values: the request's shape, so the server's issue paths land on the fields. */
export interface PolicyFormValues {
  name: string;
  description?: string | null;
  enabled: boolean;
  mode: PolicyMode;
  priority: number;
  scope: { direction: ControlDirection; channelKinds: ChannelKind[]; departmentIds: string[] };
  rules: RuleFormValues[];
}

/** Sensible starting points when a behaviour condition is switched on. */
export const BEHAVIOUR_DEFAULTS = {
  flooding: { maxMessages: 10, windowSeconds: 60 },
  repetition: { maxRepeats: 3, windowSeconds: 300 },
} as const;

export function newRule(): RuleFormValues {
  return {
    name: '',
    detectors: [],
    minConfidence: 0.5,
    minCount: 1,
    behaviour: { kind: 'none' },
    counterpartyIds: [],
    senderDepartmentIds: [],
    action: 'warn',
    requireJustification: false,
  };
}

export function newPolicy(): PolicyFormValues {
  return {
    name: '',
    description: '',
    enabled: true,
    // A new policy starts in test mode: it records what it would do before it is enforced.
    mode: 'test',
    priority: 100,
    scope: { direction: 'external', channelKinds: [], departmentIds: [] },
    rules: [newRule()],
  };
}

export function toFormValues(policy: ControlPolicy): PolicyFormValues {
  return {
    name: policy.name,
    description: policy.description ?? '',
    enabled: policy.enabled,
    mode: policy.mode,
    priority: policy.priority,
    scope: {
      direction: policy.scope.direction,
      channelKinds: [...policy.scope.channelKinds],
      departmentIds: [...policy.scope.departmentIds],
    },
    rules: policy.rules.map((rule) => ({
      id: rule.id,
      name: rule.name,
      detectors: [...rule.detectors],
      minConfidence: rule.minConfidence,
      minCount: rule.minCount,
      behaviour: rule.behaviour ? { ...rule.behaviour } : { kind: 'none' },
      counterpartyIds: [...rule.counterpartyIds],
      senderDepartmentIds: [...rule.senderDepartmentIds],
      action: rule.action,
      requireJustification: rule.requireJustification,
    })),
  };
}

function behaviourOf(
  behaviour: RuleFormValues['behaviour'],
): SavePolicyRequest['rules'][number]['behaviour'] {
  if (behaviour.kind === 'flooding') {
    return {
      kind: 'flooding',
      maxMessages: behaviour.maxMessages ?? BEHAVIOUR_DEFAULTS.flooding.maxMessages,
      windowSeconds: behaviour.windowSeconds ?? BEHAVIOUR_DEFAULTS.flooding.windowSeconds,
    };
  }
  if (behaviour.kind === 'repetition') {
    return {
      kind: 'repetition',
      maxRepeats: behaviour.maxRepeats ?? BEHAVIOUR_DEFAULTS.repetition.maxRepeats,
      windowSeconds: behaviour.windowSeconds ?? BEHAVIOUR_DEFAULTS.repetition.windowSeconds,
    };
  }
  return null;
}

export function toSaveRequest(values: PolicyFormValues): SavePolicyRequest {
  return {
    name: values.name.trim(),
    description: values.description?.trim() || null,
    enabled: values.enabled,
    mode: values.mode,
    priority: values.priority,
    scope: {
      direction: values.scope.direction,
      channelKinds: values.scope.channelKinds ?? [],
      departmentIds: values.scope.departmentIds ?? [],
    },
    rules: values.rules.map((rule) => ({
      ...(rule.id ? { id: rule.id } : {}),
      name: rule.name.trim(),
      detectors: rule.detectors ?? [],
      minConfidence: rule.minConfidence,
      minCount: rule.minCount,
      behaviour: behaviourOf(rule.behaviour ?? { kind: 'none' }),
      counterpartyIds: rule.counterpartyIds ?? [],
      senderDepartmentIds: rule.senderDepartmentIds ?? [],
      action: rule.action,
      // Only a warning asks for a reason.
      requireJustification: rule.action === 'warn' && rule.requireJustification,
    })),
  };
}

/** A stored policy as a save request, e.g. to switch it on or off from the list. */
export function policyToRequest(
  policy: ControlPolicy,
  change: Partial<SavePolicyRequest> = {},
): SavePolicyRequest {
  return { ...toSaveRequest(toFormValues(policy)), ...change };
}
