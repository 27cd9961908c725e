import * as z from 'zod';
import { accountNameSchema, durationSchema, poolNameSchema, sizeSchema } from './primitives.js';

export const POOL_IDENTITY_TYPES = ['ApplicationPoolIdentity', 'NetworkService', 'LocalService', 'LocalSystem'] as const;

/** A specific local user, by name; the password never lives here (DESIGN §5). */
export const userReferenceSchema = z.strictObject({ user: accountNameSchema });

export const poolIdentitySchema = z.union(
  [z.enum(POOL_IDENTITY_TYPES), userReferenceSchema],
  { error: `expected ${POOL_IDENTITY_TYPES.join(', ')} or {user: NAME}` },
);

export const applicationPoolSchema = z.strictObject({
  name: poolNameSchema,
  identity: poolIdentitySchema.optional().meta({ description: 'the account workers run as (default ApplicationPoolIdentity)' }),
  manualGroupMembership: z.boolean().optional()
    .meta({ description: 'true leaves IIS_IUSRS out of the worker token (default false)' }),
  autoStart: z.boolean().optional(),
  idleTimeout: durationSchema.optional().meta({ description: 'stop idle workers after this long (default 20m, 0 never)' }),
  recycling: z
    .strictObject({
      time: durationSchema.optional().meta({ description: 'recycle after this long (default 29h, 0 never)' }),
      requests: sizeSchema.optional().meta({ description: 'recycle after this many requests (default 0, never)' }),
      memory: sizeSchema.optional().meta({ description: 'recycle above this many bytes of memory (default 0, never)' }),
    })
    .optional(),
  rapidFailProtection: z
    .strictObject({
      enabled: z.boolean().optional(),
      maxCrashes: z.int().min(1).max(2_147_483_647).optional(),
      interval: durationSchema.optional(),
    })
    .optional(),
  maxProcesses: z.int().min(1).max(1024).optional().meta({ description: 'workers per pool, >1 is a web garden (default 1)' }),
});

export type PoolIdentity = z.infer<typeof poolIdentitySchema>;
export type UserReference = z.infer<typeof userReferenceSchema>;
export type ApplicationPoolConfig = z.infer<typeof applicationPoolSchema>;
