/** A session's registrations, in the order they came, for coordination (and the bulk messages' audiences). */
import type { RegistrationItem } from '#domain/sessions';
import type { Deps } from '#shared/ports';

export async function listRegistrations(deps: Deps, sessionId: string): Promise<RegistrationItem[]> {
  const regs = await deps.repos.sessions.registrations(sessionId);
  return regs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Routes that name a session answer 404 for one that does not exist, rather than an empty list or a 202. */
export async function sessionExists(deps: Deps, sessionId: string): Promise<boolean> {
  return !!(await deps.repos.sessions.get(sessionId));
}
