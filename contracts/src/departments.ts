import { z } from 'zod';
import { Id, nameText, Str, Timestamp, UserRef } from './common.ts';

export const Department = z
  .object({
    id: Id,
    name: z.string(),
    code: z.string().nullable(),
    parentId: Id.nullable(),
    sortOrder: z.number().int(),
    description: z.string().nullable(),
    /** 部门负责人 */
    head: UserRef.nullable(),
    /** 沟通联系人: the department's designated contact for external communication. */
    liaison: UserRef.nullable(),
    /** People whose own department is this one (not counting sub-departments). */
    memberCount: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Department' });
export type Department = z.infer<typeof Department>;

export const DepartmentList = z.object({ items: z.array(Department) });

const departmentFields = {
  name: nameText(64),
  code: Str.trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .nullable(),
  parentId: Id.nullable(),
  sortOrder: z.number().int().min(0).max(1_000_000),
  description: Str.trim().max(500).nullable(),
  headId: Id.nullable(),
  liaisonId: Id.nullable(),
};

export const CreateDepartmentRequest = z.strictObject({
  ...departmentFields,
  code: departmentFields.code.optional(),
  parentId: departmentFields.parentId.optional(),
  sortOrder: departmentFields.sortOrder.optional(),
  description: departmentFields.description.optional(),
  headId: departmentFields.headId.optional(),
  liaisonId: departmentFields.liaisonId.optional(),
});
export type CreateDepartmentRequest = z.infer<typeof CreateDepartmentRequest>;

export const UpdateDepartmentRequest = z.strictObject(departmentFields).partial();
export type UpdateDepartmentRequest = z.infer<typeof UpdateDepartmentRequest>;

export interface DepartmentNode extends Department {
  children: DepartmentNode[];
}

/** Builds the tree from the flat list the API returns; siblings keep the list's order. */
export function buildDepartmentTree(items: readonly Department[]): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>();
  for (const d of items) nodes.set(d.id, { ...d, children: [] });
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
