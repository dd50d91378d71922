import type {
  ApprovalTemplate,
  ApproverRule,
  SaveApprovalTemplateRequest,
  StepCondition,
  StepMode,
} from '@liaison/contracts';

export type ApproverRuleType = ApproverRule['type'];
export const APPROVER_RULE_TYPES: readonly ApproverRuleType[] = [
  'requester_head',
  'division_head',
  'department_head',
  'role',
  'senior_leadership',
  'users',
];

/** One approver rule as the form holds it: every type's fields, only the chosen type's used. */
export interface RuleFormValue {
  type: ApproverRuleType;
  departmentId?: string | null;
  roleKey?: string | null;
  sameDepartment?: boolean;
  userIds?: string[];
}

export interface StepFormValue {
  id: string;
  name: string;
  mode: StepMode;
  approvers: RuleFormValue[];
  /** Whether the step applies only under a condition (e.g. importance is major). */
  conditional: boolean;
  conditionAttribute?: string;
  /** As typed into a tags field: "true" and "false" stand for yes and no. */
  conditionValues?: string[];
}

export interface TemplateFormValues {
  name: string;
  steps: StepFormValue[];
  cc: RuleFormValue[];
}

let counter = 0;
/** A new step's id (the server keeps ids so a running approval still finds its step). */
export function newStepId(): string {
  counter += 1;
  return `step-${Date.now().toString(36)}-${counter}`;
}

export function fromRule(rule: ApproverRule): RuleFormValue {
  switch (rule.type) {
    case 'department_head':
      return { type: rule.type, departmentId: rule.departmentId };
    case 'role':
      return { type: rule.type, roleKey: rule.roleKey, sameDepartment: rule.sameDepartment };
    case 'users':
      return { type: rule.type, userIds: [...rule.userIds] };
    default:
      return { type: rule.type };
  }
}

/** The rule the server gets, or null while its type's fields are not filled in. */
export function toRule(value: RuleFormValue): ApproverRule | null {
  switch (value.type) {
    case 'department_head':
      return value.departmentId ? { type: 'department_head', departmentId: value.departmentId } : null;
    case 'role':
      return value.roleKey
        ? { type: 'role', roleKey: value.roleKey, sameDepartment: value.sameDepartment ?? false }
        : null;
    case 'users':
      return value.userIds && value.userIds.length > 0 ? { type: 'users', userIds: value.userIds } : null;
    case 'requester_head':
    case 'division_head':
    case 'senior_leadership':
      return { type: value.type };
  }
}

/** "true"/"false" typed into the values field are booleans (legal in [true]); the rest are text. */
export function parseConditionValue(text: string): string | boolean {
  const value = text.trim();
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

export function toCondition(step: StepFormValue): StepCondition | null {
  const attribute = step.conditionAttribute?.trim();
  const values = (step.conditionValues ?? []).map(parseConditionValue).filter((v) => v !== '');
  if (!step.conditional || !attribute || values.length === 0) return null;
  return { attribute, in: values };
}

export function toTemplateRequest(values: TemplateFormValues): SaveApprovalTemplateRequest {
  const rules = (list: readonly RuleFormValue[] | undefined) =>
    (list ?? []).map(toRule).filter((rule): rule is ApproverRule => rule !== null);
  return {
    name: values.name.trim(),
    steps: values.steps.map((step) => ({
      id: step.id,
      name: step.name.trim(),
      mode: step.mode,
      approvers: rules(step.approvers),
      condition: toCondition(step),
    })),
    cc: rules(values.cc),
  };
}

export function newStep(name: string): StepFormValue {
  return {
    id: newStepId(),
    name,
    mode: 'any',
    approvers: [{ type: 'requester_head' }],
    conditional: false,
    conditionValues: [],
  };
}

/** A stored template in the form's shape; without one, a single step to the requester's head. */
export function toTemplateForm(
  template: ApprovalTemplate | undefined,
  defaults: { name: string; stepName: string },
): TemplateFormValues {
  if (!template) return { name: defaults.name, steps: [newStep(defaults.stepName)], cc: [] };
  return {
    name: template.name,
    steps: template.steps.map((step) => ({
      id: step.id,
      name: step.name,
      mode: step.mode,
      approvers: step.approvers.map(fromRule),
      conditional: step.condition !== null,
      conditionAttribute: step.condition?.attribute,
      conditionValues: (step.condition?.in ?? []).map(String),
    })),
    cc: template.cc.map(fromRule),
  };
}
