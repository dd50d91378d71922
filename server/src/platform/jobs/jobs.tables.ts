export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  status: 'pending' | 'running' | 'done' | 'dead';
  run_at: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: string | null;
  unique_key: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface JobSchedulesTable {
  name: string;
  next_run_at: string;
  last_run_at: string | null;
}

export interface JobsTables {
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
}
