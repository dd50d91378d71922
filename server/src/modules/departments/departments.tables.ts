export interface DepartmentsTable {
  id: string;
  name: string;
  code: string | null;
  parent_id: string | null;
  /** Materialised path `/rootId/…/id/`: a subtree is one `LIKE 'path%'` on both databases. */
  path: string;
  depth: number;
  sort_order: number;
  description: string | null;
  head_id: string | null;
  liaison_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface DepartmentsTables {
  departments: DepartmentsTable;
}
