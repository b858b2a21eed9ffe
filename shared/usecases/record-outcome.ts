/**
 * Outcome statements (Outcome Harvesting): who changed, what changed, how the accompaniment contributed, what
 * shows it, tagged with the program's themes. `shared` is the quartier's consent to show it beyond the team: only
 * the quartier gives it (shared/usecases/share-outcome.ts changes it later).
 */
import type { Deps } from '#shared/ports';
import { mayShare, outcomeRefusal, unknownThemes, type OutcomeStatement } from '#domain/harvest';
import { newId } from '#shared/ids';
import { authorOf, contextOf, type Credentials } from './harvest-author.ts';

export type OutcomeInput = {
  actor: string;
  change: string;
  contribution: string;
  evidence?: string;
  themes?: string[];
  shared: boolean;
};

async function themesRefusal(deps: Deps, themes: string[] | undefined) {
  const unknown = unknownThemes(themes ?? [], (await deps.settings()).harvest.themes);
  return unknown.length ? { kind: 'unknown-theme' as const, themes: unknown } : undefined;
}

export async function recordOutcome(deps: Deps, requestId: string, who: Credentials, input: OutcomeInput) {
  const auth = await authorOf(deps, requestId, who);
  if (auth.kind !== 'author') return auth;
  const refusal = outcomeRefusal(auth.request.status);
  if (refusal) return { kind: refusal };
  if (!mayShare(auth.author, input.shared)) return { kind: 'consent-from-quartier' as const };
  const themes = await themesRefusal(deps, input.themes);
  if (themes) return themes;
  const now = deps.clock.now();
  const at = now.toISOString();
  const outcome: OutcomeStatement = {
    ...contextOf(auth.request),
    id: newId(now.getTime()),
    actor: input.actor,
    change: input.change,
    contribution: input.contribution,
    ...(input.evidence ? { evidence: input.evidence } : {}),
    themes: [...new Set(input.themes ?? [])],
    shared: input.shared,
    ...(input.shared ? { sharedAt: at } : {}),
    author: auth.author,
    at,
  };
  const result = await deps.tx.commit([deps.repos.harvest.addOutcome(outcome)]);
  if (!result.ok) throw new Error('outcome refused');
  return { kind: 'recorded' as const, outcome };
}

/** The statement itself corrected (consent is changed by share-outcome.ts); author and time stay. */
export async function editOutcome(
  deps: Deps,
  requestId: string,
  outcomeId: string,
  who: Credentials,
  input: Partial<Omit<OutcomeInput, 'shared'>>,
) {
  const auth = await authorOf(deps, requestId, who);
  if (auth.kind !== 'author') return auth;
  const outcome = await deps.repos.harvest.outcome(requestId, outcomeId);
  if (!outcome) return { kind: 'not-found' as const };
  if (outcomeRefusal(auth.request.status) === 'journal-closed') return { kind: 'journal-closed' as const };
  const themes = await themesRefusal(deps, input.themes);
  if (themes) return themes;
  const set: Record<string, unknown> = {
    ...(input.actor !== undefined ? { actor: input.actor } : {}),
    ...(input.change !== undefined ? { change: input.change } : {}),
    ...(input.contribution !== undefined ? { contribution: input.contribution } : {}),
    ...(input.evidence !== undefined ? { evidence: input.evidence || undefined } : {}),
    ...(input.themes !== undefined ? { themes: [...new Set(input.themes)] } : {}),
    editedAt: deps.clock.now().toISOString(),
    editedBy: auth.author,
  };
  const result = await deps.tx.commit([deps.repos.harvest.editOutcome(outcome, { set })]);
  if (!result.ok) return { kind: 'not-found' as const };
  const edited = { ...outcome, ...set } as OutcomeStatement;
  if (edited.evidence === undefined) delete edited.evidence;
  return { kind: 'recorded' as const, outcome: edited };
}
