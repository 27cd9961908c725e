import * as z from 'zod';
import { FIRST_LOCAL_RID, parsePasswordHash } from '../../identity/index.js';
import { accountNameSchema, machineSidSchema } from './primitives.js';

// Lower RIDs are the well-known ones (500 Administrator …).
const ridSchema = z.int().min(FIRST_LOCAL_RID).max(4_294_967_295);

/** The identity module owns the hash format (`$scrypt$ln=…,r=…,p=…$SALT$HASH`); its parser decides. */
const passwordHashSchema = z.string().superRefine((value, ctx) => {
  try {
    parsePasswordHash(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
}).meta({ description: 'scrypt PHC string written by usher user add / passwd; never a plain password' });

export const localUserSchema = z.strictObject({
  name: accountNameSchema,
  rid: ridSchema,
  password: passwordHashSchema,
  groups: z.array(accountNameSchema).optional(),
});

/** Without a rid, the entry names a built-in group (IIS_IUSRS, Users …) and only adds members to it. */
export const localGroupSchema = z.strictObject({
  name: accountNameSchema,
  rid: ridSchema.optional(),
  members: z.array(z.string().min(1)).optional().meta({ description: 'principal names' }),
});

export const identitiesSchema = z.strictObject({
  machineSid: machineSidSchema.optional().meta({ description: 'S-1-5-21-… generated once by usher init' }),
  users: z.array(localUserSchema).optional(),
  groups: z.array(localGroupSchema).optional(),
});

export type LocalUserConfig = z.infer<typeof localUserSchema>;
export type LocalGroupConfig = z.infer<typeof localGroupSchema>;
export type IdentitiesConfig = z.infer<typeof identitiesSchema>;
