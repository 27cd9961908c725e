import * as z from 'zod';

/**
 * ACE strings stay text here (`IUSR:(OI)(CI)(RX)`): their grammar belongs to src/acl, and the
 * validator takes a `checkAce` hook so this schema does not grow a second parser.
 */
export const aclEntrySchema = z.strictObject({
  inheritance: z.enum(['enabled', 'disabled']).optional()
    .meta({ description: 'disabled = protected: nothing is inherited from the folders above (default enabled)' }),
  aces: z.array(z.string().min(1)).optional().meta({ description: "icacls-style ACEs, e.g. 'IUSR:(OI)(CI)(RX)'" }),
});

/** Keyed by path relative to the configuration file. */
export const aclSchema = z.record(z.string().min(1, { error: 'an acl path cannot be empty' }), aclEntrySchema);

export type AclEntryConfig = z.infer<typeof aclEntrySchema>;
export type AclConfig = z.infer<typeof aclSchema>;
