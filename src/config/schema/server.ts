import * as z from 'zod';
import { fsPathSchema, sizeSchema } from './primitives.js';

/** Every W3C field IIS can write, in IIS's canonical order (the order lines are written in). */
export const W3C_FIELDS = [
  'date', 'time', 's-sitename', 's-computername', 's-ip', 'cs-method', 'cs-uri-stem', 'cs-uri-query', 's-port',
  'cs-username', 'c-ip', 'cs-version', 'cs(User-Agent)', 'cs(Cookie)', 'cs(Referer)', 'cs-host', 'sc-status',
  'sc-substatus', 'sc-win32-status', 'sc-bytes', 'cs-bytes', 'time-taken',
] as const;

export type W3cField = (typeof W3C_FIELDS)[number];

/** IIS's 15 default fields, which is what `fields: default` means. */
export const DEFAULT_W3C_FIELDS: readonly W3cField[] = [
  'date', 'time', 's-ip', 'cs-method', 'cs-uri-stem', 'cs-uri-query', 's-port', 'cs-username', 'c-ip',
  'cs(User-Agent)', 'cs(Referer)', 'sc-status', 'sc-substatus', 'sc-win32-status', 'time-taken',
];

export const ROLLOVER_PERIODS = ['hourly', 'daily', 'weekly', 'monthly', 'size'] as const;

const w3cFieldSchema = z.enum(W3C_FIELDS, { error: `expected a W3C field name: ${W3C_FIELDS.join(', ')}` });

export const serverSchema = z.strictObject({
  logging: z
    .strictObject({
      directory: fsPathSchema.optional().meta({ description: 'where W3SVC<id>/ log folders go (default ./logs)' }),
      rollover: z.enum(ROLLOVER_PERIODS).optional().meta({ description: 'when a new log file starts (default daily, UTC)' }),
      truncateSize: sizeSchema.min(1_048_576).optional()
        .meta({ description: 'bytes per file with rollover: size (IIS default 20971520, at least 1048576)' }),
      fields: z
        .union([z.literal('default'), z.array(w3cFieldSchema).min(1)], {
          error: 'expected default or a list of W3C field names',
        })
        .optional()
        .meta({ description: "'default' (IIS's 15 fields) or a list of W3C field names" }),
    })
    .optional(),
  contentCache: z
    .strictObject({
      maxBytes: sizeSchema.optional().meta({ description: 'memory for hot files, in bytes (default 67108864 = 64 MiB; 0 turns it off)' }),
      maxFileBytes: sizeSchema.optional().meta({ description: 'larger files are streamed from disk (default 1048576 = 1 MiB)' }),
    })
    .optional(),
  history: z
    .strictObject({
      keep: z.int().min(0).max(10_000).optional().meta({ description: 'previous versions kept in .usher-history/ (default 20)' }),
    })
    .optional(),
});

export type ServerConfig = z.infer<typeof serverSchema>;
