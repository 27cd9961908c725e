import { createDirectory, FIRST_LOCAL_RID, type Directory } from '../../identity/index.js';
import { identitiesSchema, type LocalGroupConfig } from '../../config/index.js';
import type { Place, WarningSink } from './warnings.js';

/**
 * Names in URL authorization rules, as Usher can hold them. Built-in names (Administrators,
 * IUSR, `IIS AppPool\<pool>` …) stay as written. A role Usher does not know becomes an empty local
 * group, so deny rules keep applying to whoever is added to it later and allow rules grant nobody
 * yet. A user Usher does not know is left out of the rule (accounts are not imported): the report
 * says so, with the command to put the rule back.
 */
export interface PrincipalMapper {
  user(name: string, place: Place, rule: string): string | undefined;
  role(name: string, place: Place): string | undefined;
  /** Local groups created for roles, to write under identities.groups. */
  groups(): LocalGroupConfig[];
}

const bare = (name: string) => name.slice(name.lastIndexOf('\\') + 1);
const validAccount = (name: string) => identitiesSchema.shape.groups.unwrap().element.shape.name.safeParse(name).success;

export function createPrincipalMapper(pools: readonly { name: string }[], sink: WarningSink): PrincipalMapper {
  const created: LocalGroupConfig[] = [];
  let directory: Directory = createDirectory({ pools });
  const resolves = (name: string, group: boolean): boolean => {
    try {
      const principal = directory.resolve(name);
      return !group || principal.kind.endsWith('group');
    } catch {
      return false;
    }
  };
  return {
    user(name, place, rule) {
      if (name === '*' || name === '?' || resolves(name, false)) return name;
      if (name.includes('\\') && resolves(bare(name), false)) return bare(name);
      sink.warn(place, `${rule}: '${name}' is not an account Usher knows (accounts are not imported), so the rule no longer names it; ` +
        `create it with usher user add ${bare(name)} and add it back with usher authz add`);
      return undefined;
    },
    role(name, place) {
      if (resolves(name, true)) return name;
      const local = bare(name);
      if (resolves(local, true)) return local;
      if (!validAccount(local)) {
        sink.warn(place, `role '${name}' cannot be a local group name in Usher: left out of the rule`);
        return undefined;
      }
      if (!created.some((group) => group.name.toLowerCase() === local.toLowerCase())) {
        created.push({ name: local, rid: FIRST_LOCAL_RID + created.length });
        // A throwaway machine SID is enough to resolve names; the real one is written with the config.
        directory = createDirectory({ pools, machineSid: 'S-1-5-21-1-2-3', groups: created });
        sink.warn(place, `role '${name}' is not a group Usher knows: created the local group '${local}' with no members ` +
          `(the source's members are not imported); add them with usher group members ${local} --add NAME`);
      }
      return created.find((group) => group.name.toLowerCase() === local.toLowerCase())!.name;
    },
    groups: () => [...created],
  };
}
