import {
  formatAce, formatMask, icaclsRights, type AccessCheckResult, type EffectiveAce, type EffectiveAcl,
} from '../../acl/index.js';
import type { Directory, Token } from '../../identity/index.js';

/** `acl show`: the object's DACL as icacls prints it, each inherited ACE with where it was set. */
export function renderAclText(effective: EffectiveAcl, directory: Directory, entryKey: string | undefined): string[] {
  const lines = [effective.path];
  const state = effective.protectedAt === effective.path ? 'inheritance disabled' : 'inheritance enabled';
  lines.push(`  ${entryKey ? `entry ${entryKey}, ` : 'no entry of its own, '}${state}`);
  if (effective.aces.length === 0) {
    lines.push('  (no ACEs: nobody has any access)');
    return lines;
  }
  const texts = effective.aces.map((ace) => formatAce(ace, directory.nameOf));
  const width = Math.max(...texts.map((text) => text.length));
  effective.aces.forEach((ace, i) => {
    const origin = ace.level > 0 ? `  from ${ace.from}` : '';
    lines.push(`    ${texts[i]!.padEnd(width)}${origin}`.trimEnd());
  });
  return lines;
}

export function aclJson(effective: EffectiveAcl, directory: Directory, entryKey: string | undefined) {
  return {
    path: effective.path,
    entry: entryKey ?? null,
    protected: effective.protectedAt === effective.path,
    aces: effective.aces.map((ace: EffectiveAce) => ({
      ace: formatAce(ace, directory.nameOf),
      type: ace.type,
      sid: ace.sid,
      name: directory.nameOf(ace.sid),
      mask: formatMask(ace.mask),
      inherited: ace.level > 0 || ace.flags.inherited,
      from: ace.from,
    })),
  };
}

const rights = (mask: number) => (mask === 0 ? 'nothing' : `${icaclsRights(mask)} (${formatMask(mask)})`);

/** DESIGN §7's `acl check --json`. */
export function checkJson(path: string, token: Token, result: AccessCheckResult, directory: Directory) {
  return {
    path,
    identity: token.identity,
    sids: token.sids,
    requestedMask: formatMask(result.desiredMask),
    grantedMask: formatMask(result.grantedMask),
    allowed: result.allowed,
    explain: result.decisions.map((decision) => ({
      ace: formatAce(decision.ace.origin, directory.shortName),
      from: decision.from,
      inherited: decision.inherited,
      effect: decision.effect,
      bits: formatMask(decision.bits),
      decisive: decision.decisive,
      matched: decision.matched.name,
    })),
    notes: result.notes.map((note) => note.text),
  };
}

export function renderCheckText(path: string, token: Token, result: AccessCheckResult, directory: Directory): string[] {
  const asked = result.desiredMask === 0 ? 'any access' : rights(result.desiredMask);
  const lines = [
    path,
    `  identity   ${token.identity.name} (${token.identity.sid})`,
    `  requested  ${asked}`,
    `  granted    ${rights(result.grantedMask)}`,
  ];
  if (!result.allowed && result.refusedMask !== 0) lines.push(`  refused    ${rights(result.refusedMask)}`);
  lines.push(`  result     ${result.allowed ? 'ALLOWED' : 'DENIED'}`);
  if (result.decisions.length > 0) {
    lines.push('  decided by');
    for (const decision of result.decisions) {
      const where = decision.inherited ? `inherited from ${decision.from}` : `on ${decision.from}`;
      const mark = decision.decisive ? '*' : ' ';
      lines.push(`   ${mark}${decision.effect.padEnd(5)}  ${formatAce(decision.ace.origin, directory.shortName)}  ${where}  via ${decision.matched.name}  ${formatMask(decision.bits)}`);
    }
    if (result.desiredMask !== 0) lines.push('    (* decided a requested right)');
  }
  for (const note of result.notes) lines.push(`  note: ${note.text}`);
  return lines;
}
