/**
 * A learning request's journal: the intent before acting (what will be different if this succeeds, how we will
 * know), notes per learning-loop step, the after-action review at the close. Every entry keeps author and time.
 */
import type { Deps } from '#shared/ports';
import { journalRefusal, type JournalEntry, type JournalKind } from '#domain/harvest';
import { newId } from '#shared/ids';
import { authorOf, contextOf, type Credentials } from './harvest-author.ts';

export type JournalInput = { kind: JournalKind; step?: string; text: string };

export async function keepJournal(deps: Deps, requestId: string, who: Credentials, input: JournalInput) {
  const auth = await authorOf(deps, requestId, who);
  if (auth.kind !== 'author') return auth;
  const refusal = journalRefusal(auth.request.status, input.kind);
  if (refusal) return { kind: refusal };
  if (input.kind === 'step' && !input.step) return { kind: 'step-required' as const };
  const at = deps.clock.now();
  const entry: JournalEntry = {
    ...contextOf(auth.request),
    id: newId(at.getTime()),
    kind: input.kind,
    ...(input.kind === 'step' || input.step ? { step: input.step } : {}),
    text: input.text,
    author: auth.author,
    at: at.toISOString(),
  };
  const result = await deps.tx.commit([deps.repos.harvest.addEntry(entry)]);
  if (!result.ok) throw new Error('journal entry refused');
  return { kind: 'written' as const, entry };
}

/** The text of an entry, corrected by anyone who may write in the journal; the original author and time stay. */
export async function editJournalEntry(
  deps: Deps,
  requestId: string,
  entryId: string,
  who: Credentials,
  input: { text: string },
) {
  const auth = await authorOf(deps, requestId, who);
  if (auth.kind !== 'author') return auth;
  const entry = await deps.repos.harvest.entry(requestId, entryId);
  if (!entry) return { kind: 'not-found' as const };
  if (journalRefusal(auth.request.status, entry.kind) === 'journal-closed') return { kind: 'journal-closed' as const };
  const editedAt = deps.clock.now().toISOString();
  const result = await deps.tx.commit([
    deps.repos.harvest.editEntry(entry, { set: { text: input.text, editedAt, editedBy: auth.author } }),
  ]);
  if (!result.ok) return { kind: 'not-found' as const };
  return { kind: 'written' as const, entry: { ...entry, text: input.text, editedAt, editedBy: auth.author } };
}
