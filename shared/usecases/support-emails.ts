/** What axis 2 tells by email, written in the same transaction as the change it tells (shared/usecases/outbox.ts). */
import { offerLastDay, type SupportRequest } from '#domain/slots';
import type { Deps, Write } from '#shared/ports';
import type { QuartierItem } from './quartiers.ts';
import { notMeUrl, statusUrl } from './requests.ts';

export const RCL_URL = 'https://www.centraide-mtl.org/';

/** The requester's outcome (granted, waitlisted, offered), and for a new request the notice to the team. */
export function outcomeEmails(
  deps: Deps,
  r: SupportRequest,
  q: QuartierItem,
  token: string | undefined,
  capacity: number,
  outcome: 'granted' | 'waitlisted' | 'offered',
  now: Date,
): Write[] {
  const link = statusUrl(deps, r.id, token);
  // A contact on file is served at once: their acknowledgement lets the real owner of the address say "not me".
  const notMe = r.trust === 'on-file' && outcome !== 'offered' ? { notMeUrl: notMeUrl(deps, r.id) } : {};
  const out: Write[] = [
    deps.repos.outbox.enqueue(
      {
        template: 'additional-support-outcome',
        to: [r.contact.email],
        ...(outcome === 'offered' ? { cc: [q.advisor.email] } : {}),
        locale: r.locale,
        subjectRef: r.id,
        data: {
          contactName: r.contact.name,
          quartierName: q.name,
          outcome,
          slot: r.slot,
          capacity,
          position: r.initialPosition,
          advisorName: q.advisor.name,
          statusUrl: link,
          ...notMe,
          offerExpiresOn: offerLastDay(r),
          rclUrl: RCL_URL,
        },
      },
      now,
    ),
  ];
  if (outcome !== 'offered') {
    out.push(
      deps.repos.outbox.enqueue(
        {
          template: 'additional-support-request',
          to: [deps.config.mail.dynamoContact.email],
          cc: [q.advisor.email],
          subjectRef: r.id,
          data: {
            requestId: r.id,
            quartierName: q.name,
            topic: r.topic,
            contactName: r.contact.name,
            contactEmail: r.contact.email,
            contactPhone: r.contact.phone,
            advisorName: q.advisor.name,
            advisorEmail: q.advisor.email,
            outcome,
            slot: r.slot,
            capacity,
            position: r.initialPosition,
            estimatedMinutes: r.estimatedMinutes,
          },
        },
        now,
      ),
    );
  }
  return out;
}
