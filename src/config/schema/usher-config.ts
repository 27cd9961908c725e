import * as z from 'zod';
import { aclSchema } from './acl.js';
import { applicationPoolSchema } from './application-pool.js';
import { auditSchema } from './audit.js';
import { identitiesSchema } from './identities.js';
import { locationsSchema } from './location.js';
import { serverSchema } from './server.js';
import { siteSchema } from './site.js';

/**
 * The one schema of `usher.yaml` (DESIGN §5). Objects are strict, so a misspelt key is an error
 * rather than a silently ignored setting. Defaults are not applied here (see `withDefaults`), so
 * what the schema returns is what the file says, and edits write back only what the user wrote.
 */
export const usherConfigSchema = z
  .strictObject({
    // Lets JSON files point editors at the generated schema; Usher itself ignores it.
    $schema: z.string().optional(),
    server: serverSchema.optional(),
    applicationPools: z.array(applicationPoolSchema).optional(),
    sites: z.array(siteSchema).optional(),
    locations: locationsSchema.optional()
      .meta({ description: 'settings for "SITE" or "SITE/path", inherited downwards like IIS <location path>' }),
    acl: aclSchema.optional().meta({ description: 'one ACL per path, relative to this file' }),
    identities: identitiesSchema.optional(),
    audit: auditSchema.optional(),
  })
  .meta({ title: 'Usher configuration', description: 'usher.yaml: sites, application pools, locations, ACLs, identities' });

export type UsherConfig = z.infer<typeof usherConfigSchema>;
