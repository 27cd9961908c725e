import * as z from 'zod';

export const auditExceptionSchema = z.strictObject({
  rule: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'expected a rule id, e.g. directory-browsing-enabled' }),
  scope: z.string().min(1).meta({ description: 'what the exception covers, e.g. "location:Default Web Site/downloads"' }),
  // An exception nobody can explain later is a finding waiting to come back.
  reason: z.string().regex(/\S/, { error: 'say why the finding is accepted' }),
});

export const auditSchema = z.strictObject({
  exceptions: z.array(auditExceptionSchema).optional(),
});

export type AuditExceptionConfig = z.infer<typeof auditExceptionSchema>;
export type AuditConfig = z.infer<typeof auditSchema>;
