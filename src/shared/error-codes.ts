/**
 * The one registry of Usher's error codes. A code is never reused once shipped; callers match on
 * `err.code`, never on classes. `docs/errors.md` is checked against this table by a test.
 */
export interface ErrorCodeInfo {
  readonly area: 'CFG' | 'ID' | 'ACL' | 'CLI' | 'PIPE' | 'AUTHN' | 'AUTHZ' | 'FILTER' | 'AUDIT' | 'IMPORT' | 'SERVER';
  readonly summary: string;
}

export const ERROR_CODES = {
  // Configuration file and store
  USHER_ERR_CFG_NOT_FOUND: { area: 'CFG', summary: 'the configuration file does not exist or cannot be read' },
  USHER_ERR_CFG_SYNTAX: { area: 'CFG', summary: 'the configuration file is not well-formed YAML or JSON' },
  USHER_ERR_CFG_INVALID: { area: 'CFG', summary: 'a value in the configuration breaks the schema or a cross-reference' },
  USHER_ERR_CFG_LOCKED: { area: 'CFG', summary: 'another writer held the configuration lock for too long' },
  USHER_ERR_CFG_WRITE: { area: 'CFG', summary: 'the configuration could not be written to disk' },
  USHER_ERR_CFG_HISTORY: { area: 'CFG', summary: 'the requested history version does not exist' },
  USHER_ERR_CFG_EXISTS: { area: 'CFG', summary: 'the target already holds a configuration or an item of that name' },
  USHER_ERR_CFG_NO_ITEM: { area: 'CFG', summary: 'no site, application, directory, pool or rule matches what was named' },

  // Identities
  USHER_ERR_ID_UNKNOWN_NAME: { area: 'ID', summary: 'a name does not resolve to any known principal' },
  USHER_ERR_ID_BAD_SID: { area: 'ID', summary: 'a string is not a well-formed SID' },
  USHER_ERR_ID_NOT_LOGON: { area: 'ID', summary: 'the principal cannot log on, so it has no token (a group, say)' },
  USHER_ERR_ID_PASSWORD: { area: 'ID', summary: 'a password was empty, unreadable or did not match its confirmation' },
  USHER_ERR_ID_HASH: { area: 'ID', summary: 'a stored password hash is not a supported scrypt PHC string' },

  // ACL syntax and edits
  USHER_ERR_ACL_SYNTAX: { area: 'ACL', summary: 'an icacls-style ACE string could not be parsed' },
  USHER_ERR_ACL_SDDL: { area: 'ACL', summary: 'an SDDL string could not be parsed' },
  USHER_ERR_ACL_PATH: { area: 'ACL', summary: 'a path given to an acl command cannot be used' },

  // Import from IIS
  USHER_ERR_IMPORT_READ: { area: 'IMPORT', summary: 'a source file for the import does not exist or cannot be read as text' },
  USHER_ERR_IMPORT_XML: { area: 'IMPORT', summary: 'a source file is not well-formed XML' },
  USHER_ERR_IMPORT_NOT_APPHOST: { area: 'IMPORT', summary: 'the file given to import iis is not an applicationHost.config' },
  USHER_ERR_IMPORT_ACL_FILE: { area: 'IMPORT', summary: 'an icacls /save file or an --sddl value cannot be read' },
  USHER_ERR_IMPORT_ARGUMENT: { area: 'IMPORT', summary: 'an import option is malformed (WINDIR=DIR expected) or names nothing' },

  // Audit
  USHER_ERR_AUDIT_BASELINE: { area: 'AUDIT', summary: 'the --baseline file is not a saved audit report in JSON' },
  USHER_ERR_AUDIT_WRITE: { area: 'AUDIT', summary: 'the audit report could not be written to the -o file' },

  // Command line
  USHER_ERR_CLI_USAGE: { area: 'CLI', summary: 'the command line is incomplete or contradictory' },
  USHER_ERR_CLI_INPUT: { area: 'CLI', summary: 'interactive input was needed but could not be read' },
  USHER_ERR_CLI_INTERNAL: { area: 'CLI', summary: 'an unexpected error escaped: a bug, please report it' },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;
