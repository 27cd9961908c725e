/**
 * The configuration `usher init` writes: one pool, one site on loopback, anonymous as IUSR with
 * read-only access to its content, and nothing else. Comments explain each part because this file
 * is where most people first meet Usher's model; the store keeps them on every later edit.
 */
export function initialConfig(machineSid: string): string {
  return `# Usher configuration. Check it with 'usher config check'; every edit made with 'usher …'
# commands is validated, saved atomically and kept in .usher-history/ ('usher config history').

server:
  logging: { directory: ./logs, rollover: daily, fields: default }   # IIS's 15 default W3C fields
  history: { keep: 20 }

# Each pool runs its workers as its own identity, IIS AppPool\\<name>.
applicationPools:
  - name: DefaultAppPool
    identity: ApplicationPoolIdentity

sites:
  - name: Default Web Site
    id: 1
    bindings: ["http/127.0.0.1:8080:"]   # protocol/address:port:host; loopback until you decide otherwise
    physicalPath: ./wwwroot
    applicationPool: DefaultAppPool

# Settings by location ("SITE" or "SITE/path"), inherited downwards like IIS's <location path>.
locations:
  Default Web Site:
    authentication:
      anonymous: { enabled: true, identity: IUSR }   # anonymous visitors run as IUSR (S-1-5-17)
      basic: { enabled: false }
    requestFiltering:
      verbs: { deny: [TRACE] }                       # TRACE echoes requests back (CIS 4.6): refused with 404.6
    directoryBrowse: { enabled: false }

# Windows-style ACLs, keyed by path relative to this file and inherited down the tree.
# IUSR may read the site; the pool may read it too (its workers need to); nobody else but admins.
acl:
  ./wwwroot:
    inheritance: disabled
    aces:
      - "SYSTEM:(OI)(CI)(F)"
      - "Administrators:(OI)(CI)(F)"
      - "IUSR:(OI)(CI)(RX)"
      - "IIS AppPool\\\\DefaultAppPool:(OI)(CI)(RX)"

identities:
  machineSid: ${machineSid}   # generated once; local users' and groups' SIDs derive from it
  users: []
  groups: []
`;
}

export const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Usher</title>
</head>
<body>
  <h1>It works</h1>
  <p>This page is served by Usher to anonymous visitors, who run as <code>IUSR</code>.</p>
  <p>Replace this file with your site. <code>usher acl show wwwroot</code> shows who may read it.</p>
</body>
</html>
`;
