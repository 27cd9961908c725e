import type { Sid } from '../identity/index.js';
import type { Ace, EffectiveAce } from './ace.js';
import { SIMPLE_RIGHTS, SPECIFIC_RIGHTS, SYNCHRONIZE, formatMask, mapGenericBits } from './access-mask.js';
import { formatAce } from './icacls.js';
import type { UnreachedAce } from './inheritance.js';
import type { TokenView } from './token-view.js';

/**
 * Windows' sharp edges, named in words where a result would otherwise surprise (DESIGN §4): the
 * access check itself stays a bare walk, and everything said about it is built here.
 */
export type AccessNoteKind =
  | 'empty-acl'
  | 'no-matching-ace'
  | 'protected'
  | 'synchronize-deny'
  | 'list-folder-contents'
  | 'deny-only'
  | 'not-a-member'
  | 'not-inherited';

export interface AccessNote {
  readonly kind: AccessNoteKind;
  readonly text: string;
}

interface NoteInput {
  readonly aces: readonly EffectiveAce[];
  readonly token: TokenView;
  readonly desired: number;
  readonly protectedAt?: string | undefined;
  readonly unreached?: readonly UnreachedAce[] | undefined;
}

interface NoteResult {
  readonly allowed: boolean;
  readonly decisions: readonly { readonly ace: EffectiveAce; readonly bits: number; readonly effect: string; readonly decisive: boolean }[];
}

const IUSR = 'S-1-5-17';
const IIS_IUSRS = 'S-1-5-32-568';
const FALLBACK_NAMES: ReadonlyMap<Sid, string> = new Map([[IIS_IUSRS, 'BUILTIN\\IIS_IUSRS']]);

export function explainNotes(input: NoteInput, result: NoteResult): AccessNote[] {
  const notes: AccessNote[] = [];
  const nameOf = (sid: Sid) => input.token.entry(sid)?.name ?? FALLBACK_NAMES.get(sid) ?? `*${sid}`;
  const show = (ace: Ace, from: string) => `'${formatAce(ace, nameOf)}' on ${from}`;
  const applying = input.aces.filter((ace) => !ace.flags.inheritOnly);

  if (input.aces.length === 0) {
    notes.push({ kind: 'empty-acl', text: 'the ACL is empty (nothing set here or inherited), so nothing is granted to anyone' });
  } else if (!applying.some((ace) => input.token.matches(ace))) {
    notes.push({ kind: 'no-matching-ace', text: 'no ACE names any SID of this token, so nothing is granted' });
  }
  // Only worth saying when protection actually cut something off from above.
  const cutOff = (input.unreached ?? []).some((missed) => missed.reason === 'protected');
  if (input.protectedAt !== undefined && !result.allowed && cutOff) {
    notes.push({ kind: 'protected', text: `inheritance is disabled at ${input.protectedAt}: ACEs set above it do not apply` });
  }

  for (const decision of result.decisions) {
    const { ace } = decision;
    // A deny that names reading itself needs no excuse; one that reaches reads only through S does.
    const deniesReadData = (mapGenericBits(ace.mask) & SPECIFIC_RIGHTS.RD) !== 0;
    if (decision.effect === 'deny' && decision.bits & input.desired & SYNCHRONIZE && !deniesReadData) {
      notes.push({
        kind: 'synchronize-deny',
        text:
          `the deny ${show(ace.origin, ace.from)} refuses SYNCHRONIZE (${formatMask(SYNCHRONIZE)}), which reading and listing ` +
          'need too: a deny of W, GW, D or anything holding S blocks more than writing',
      });
    }
    if (decision.effect === 'allow' && decision.decisive && isListFolderContents(ace.origin)) {
      notes.push({
        kind: 'list-folder-contents',
        text: `${show(ace.origin, ace.from)} is "List folder contents": the same mask as Read & execute, but inherited by folders only`,
      });
    }
  }

  for (const ace of applying) {
    if (ace.type !== 'allow') continue;
    const entry = input.token.entry(ace.sid);
    if (entry?.denyOnly) {
      notes.push({ kind: 'deny-only', text: `${entry.name} is deny-only in this token, so ${show(ace.origin, ace.from)} grants nothing` });
    }
    if (ace.sid === IIS_IUSRS && !entry && input.token.entry(IUSR) && !result.allowed) {
      notes.push({
        kind: 'not-a-member',
        text: `IUSR is not a member of IIS_IUSRS, so ${show(ace.origin, ace.from)} does not reach anonymous requests; grant IUSR, or run anonymous as the pool identity`,
      });
    }
  }

  if (!result.allowed) {
    for (const missed of input.unreached ?? []) {
      if (missed.ace.type !== 'allow' || !input.token.matches(missed.ace)) continue;
      notes.push(unreachedNote(missed, show(missed.ace, missed.from)));
    }
  }
  return notes;
}

function isListFolderContents(ace: Ace): boolean {
  return ace.flags.containerInherit && !ace.flags.objectInherit && mapGenericBits(ace.mask) === SIMPLE_RIGHTS.RX;
}

function unreachedNote(missed: UnreachedAce, shown: string): AccessNote {
  switch (missed.reason) {
    case 'folders-only':
      return {
        kind: isListFolderContents(missed.ace) ? 'list-folder-contents' : 'not-inherited',
        text: isListFolderContents(missed.ace)
          ? `${shown} is "List folder contents" (CI only), which files do not inherit; (OI)(CI)(RX) is Read & execute for files too`
          : `${shown} is inherited by folders only (CI without OI), so ${missed.stoppedAt} does not receive it`,
      };
    case 'this-object-only':
      return { kind: 'not-inherited', text: `${shown} applies to that folder only (no (OI)/(CI)), so it does not reach ${missed.stoppedAt}` };
    case 'no-propagate':
      return { kind: 'not-inherited', text: `${shown} has (NP) and stops one level down, before ${missed.stoppedAt}` };
    case 'protected':
      return { kind: 'not-inherited', text: `${shown} does not reach ${missed.stoppedAt}, whose inheritance is disabled` };
  }
}
