import * as z from 'zod';
import { bindingSchema } from './binding.js';
import { durationSchema, fsPathSchema, poolNameSchema, siteNameSchema, urlPathSchema } from './primitives.js';

export const virtualDirectorySchema = z.strictObject({
  path: urlPathSchema.meta({ description: 'URL path below the application, e.g. /images' }),
  physicalPath: fsPathSchema,
});

export const applicationSchema = z.strictObject({
  path: urlPathSchema.meta({ description: 'URL path below the site, e.g. /shop' }),
  physicalPath: fsPathSchema,
  applicationPool: poolNameSchema.optional().meta({ description: "default: the site's pool" }),
  virtualDirectories: z.array(virtualDirectorySchema).optional(),
});

export const siteLimitsSchema = z.strictObject({
  maxConnections: z.int().min(1).max(4_294_967_295).optional(),
  connectionTimeout: durationSchema.optional().meta({ description: 'idle keep-alive connections close after this (default 120s)' }),
  headersTimeout: durationSchema.optional().meta({ description: 'time allowed to receive the headers (default 60s)' }),
  requestTimeout: durationSchema.optional().meta({ description: 'time allowed to receive a whole request (default 300s)' }),
});

export const siteSchema = z.strictObject({
  name: siteNameSchema,
  id: z.int().min(1).max(4_294_967_295).meta({ description: 'unique number, names the log folder W3SVC<id>' }),
  bindings: z.array(bindingSchema).optional(),
  physicalPath: fsPathSchema.meta({ description: 'content root, relative to the configuration file' }),
  applicationPool: poolNameSchema.optional().meta({ description: 'default DefaultAppPool' }),
  limits: siteLimitsSchema.optional(),
  logging: z
    .strictObject({
      enabled: z.boolean().optional(),
      directory: fsPathSchema.optional().meta({ description: 'default: server.logging.directory/W3SVC<id>' }),
    })
    .optional(),
  virtualDirectories: z.array(virtualDirectorySchema).optional()
    .meta({ description: 'virtual directories of the root application /, e.g. /images → ./shared-images' }),
  applications: z.array(applicationSchema).optional(),
});

export type VirtualDirectoryConfig = z.infer<typeof virtualDirectorySchema>;
export type ApplicationConfig = z.infer<typeof applicationSchema>;
export type SiteLimitsConfig = z.infer<typeof siteLimitsSchema>;
export type SiteConfig = z.infer<typeof siteSchema>;
