import { z } from 'zod';

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['sqlite', 'postgres']),
    version: z.string(),
    uptimeSeconds: z.number(),
    checks: z.record(z.string(), z.enum(['ok', 'failing', 'disabled'])),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;
