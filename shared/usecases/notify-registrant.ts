/**
 * What a registrant is told, through the outbox: the registration's email with its calendar invite (which follows
 * the session's changes by its sequence), and the signed link that cancels the registration.
 */
import type { ActivityItem, RegistrationItem, SessionItem } from '#domain/sessions';
import type { Deps, Write } from '#shared/ports';
import { signAction, verifyAction } from '#shared/ids';

const cancelFields = (r: { sessionId: string; id: string }) => ['cancel-registration', r.sessionId, r.id];
export const cancelUrl = (deps: Deps, r: { sessionId: string; id: string }) => {
  const sig = signAction(deps.config.linkSecret, cancelFields(r));
  const query = `s=${encodeURIComponent(r.sessionId)}&r=${encodeURIComponent(r.id)}&sig=${sig}`;
  return `${deps.config.publicBaseUrl}/#/annuler?${query}`;
};
export const cancelLinkValid = (deps: Deps, r: { sessionId: string; id: string }, signature: string | undefined) =>
  verifyAction(deps.config.linkSecret, cancelFields(r), signature);

export function registrationMessage(
  deps: Deps,
  activity: ActivityItem,
  session: SessionItem,
  reg: RegistrationItem,
  status: string,
  extra: { id?: string; daysBefore?: number } = {},
): Write {
  const title = activity.title[reg.locale];
  const withInvite =
    ['registered', 'updated', 'cancelled', 'registration-cancelled', 'reminder'].includes(status) &&
    reg.status === 'registered';
  const cancels = status === 'cancelled' || status === 'registration-cancelled';
  return deps.repos.outbox.enqueue(
    {
      id: extra.id,
      template: 'registration',
      to: [reg.email],
      locale: reg.locale,
      subjectRef: session.id,
      data: {
        name: reg.name,
        activityTitle: title,
        date: session.date,
        place: session.place ?? session.virtualUrl,
        status,
        cancelUrl: cancelUrl(deps, reg),
        daysBefore: extra.daysBefore,
      },
      calendar: withInvite
        ? {
            method: cancels ? 'CANCEL' : 'REQUEST',
            invite: {
              uid: `${reg.id}@pic.centraide-mtl.org`,
              sequence: session.sequence,
              title,
              description: activity.summary[reg.locale],
              date: session.date,
              startTime: session.startTime,
              duration: session.duration,
              location: session.place ?? session.virtualUrl,
              url: cancelUrl(deps, reg),
              organizerEmail: deps.config.mail.team,
              attendee: { name: reg.name, email: reg.email },
              method: cancels ? 'CANCEL' : 'REQUEST',
            },
          }
        : undefined,
    },
    deps.clock.now(),
  );
}
