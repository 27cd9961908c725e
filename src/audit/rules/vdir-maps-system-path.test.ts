import { testRule } from '../rule-tester.js';
import rule from './vdir-maps-system-path.js';

const vdir = (path: string, physicalPath: string) => `sites: [{ name: Web, virtualDirectories: [{ path: ${path}, physicalPath: "${physicalPath}" }] }]`;

testRule(rule, {
  fires: [
    {
      name: 'a virtual directory on /var/lib',
      config: vdir('/state', '/var/lib/usher-audit-test'),
      findings: [{ scope: 'location:Web/state', message: 'serves /var/lib/usher-audit-test: that is /var/lib', fix: 'usher vdir set Web / /state --path /srv/www/Web/state' }],
    },
    {
      name: 'the site root is the folder holding usher.yaml',
      config: 'sites: [{ name: Web, physicalPath: . }]',
      findings: [{ scope: 'site:Web', message: "Usher's configuration ({{DIR}})", fix: 'usher site set Web --path /srv/www/Web' }],
    },
    {
      name: 'a symlink that resolves into /dev',
      config: vdir('/shm', './shm'),
      files: { shm: { symlink: '/dev/shm' } },
      findings: [{ scope: 'location:Web/shm', message: '(really /dev/shm): that is /dev' }],
    },
    {
      name: 'an application serving a home directory itself',
      config: 'sites: [{ name: Web, applications: [{ path: /alice, physicalPath: /home/alice }] }]',
      findings: [{ scope: 'location:Web/alice', message: 'a home directory with its dotfiles', fix: 'usher app set Web /alice --path /srv/www/Web/alice' }],
    },
    { name: '/lib64', config: vdir('/lib', '/lib64/usher-test'), findings: [{ scope: 'location:Web/lib', message: '/lib64, an operating-system directory' }] },
  ],
  passes: [
    { name: 'a content folder beside the configuration', config: '' },
    { name: 'a dedicated folder under /srv', config: vdir('/media', '/srv/www/media') },
    { name: '/var/www, which is not /var/lib', config: vdir('/www', '/var/www/html') },
    { name: 'a name that only starts like a system folder', config: vdir('/etc', '/etcetera/www') },
    { name: 'a project folder below a home directory', config: vdir('/site', '/home/alice/projects/site/wwwroot') },
  ],
});
