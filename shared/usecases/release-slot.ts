/**
 * A slot given up (by the requester, or by the coordination team with a reason, before hours are logged on it), an
 * offer declined, or one left to expire: in each case the slot goes to the first person waiting, once, whatever races
 * with it (the slot's holder condition lets only one promotion through). Withdrawing from the line or before trust
 * gives the quartier's claim back.
 */
import { localDateAt } from '#domain/program-year';
import { awaitsTrust } from '#domain/request-states';
import { offerDeadline, offerLastDay, yearOver, type SupportRequest } from '#domain/slots';
import type { Deps, Write } from '#shared/ports';
import { getQuartier, type QuartierItem } from './quartiers.ts';
import { statusUrl } from './requests.ts';
import { outcomeEmails, RCL_URL } from './support-emails.ts';

export type ReleaseOutcome =
  | { kind: 'released'; offeredTo?: string }
  | { kind: 'not-found' | 'invalid-transition' | 'hours-logged' };

export async function releaseSlot(
  deps: Deps,
  requestId: string,
  by: string,
  reason?: string,
  cause: 'released' | 'offer-declined' | 'offer-expired' = 'released',
): Promise<ReleaseOutcome> {
  const { requests, slots } = deps.repos;
  for (let attempt = 0; attempt < 10; attempt++) {
    const r = await requests.get<SupportRequest>(requestId);
    if (r?.kind !== 'additional') return { kind: 'not-found' };
    if (cause === 'released' && (r.status === 'waitlisted' || awaitsTrust(r))) return withdraw(deps, r, by, reason);
    const expected = cause === 'released' ? 'granted' : 'offered';
    if (r.status !== expected || !r.slot) return { kind: 'invalid-transition' };
    const slotItem = await slots.slot(r.year, r.slot);
    if (!slotItem || slotItem.requestId !== r.id) return { kind: 'invalid-transition' };
    const balance = await deps.repos.ledger.balance(r.quartierId, 'additional', r.year);
    if (cause === 'released' && (balance?.usedMinutes ?? 0) > 0) return { kind: 'hours-logged' };

    const settings = await deps.settings();
    const now = deps.clock.now();
    const at = now.toISOString();
    const q = (await getQuartier(deps, r.quartierId))!;
    const counter = (await slots.counter(r.year))!;
    // Once the slot's year is over there is nothing left to offer: the slot stays free.
    const [next] = yearOver(r.year, now, settings.yearStart) ? [] : await slots.line<SupportRequest>(r.year, 1);

    const tx: Write[] = [
      requests.change(r, {
        set: { status: cause, updatedAt: at },
        remove: ['offerExpiresAt'],
        while: { status: expected, updatedAt: r.updatedAt },
      }),
      deps.repos.requests.audit(r.id, { at, event: cause, by, reason, detail: { slot: r.slot } }),
      slots.unclaim(r),
    ];
    if (cause === 'released' && balance?.opened) {
      tx.push(
        deps.repos.ledger.record(
          {
            id: `release-${r.id}`,
            quartierId: r.quartierId,
            axis: 'additional',
            year: r.year,
            kind: 'adjustment',
            target: 'allocation',
            minutes: -settings.additional.minutesPerSlot,
            requestId: r.id,
            author: by,
            reason: reason ?? 'slot released',
            createdAt: at,
          },
          { unique: true },
        ),
      );
      tx.push(deps.repos.ledger.returnAllocation(balance, settings.additional.minutesPerSlot));
    }
    let nextQuartier: QuartierItem | undefined;
    if (next) {
      nextQuartier = await getQuartier(deps, next.quartierId);
      const expiresIso = offerDeadline(
        localDateAt(now),
        settings.additional.offerDays,
        r.year,
        settings.yearStart,
      ).toISOString();
      const offered: SupportRequest = {
        ...next,
        status: 'offered',
        slot: r.slot,
        offerExpiresAt: expiresIso,
        updatedAt: at,
      };
      tx.push(
        slots.offer(slotItem, next, expiresIso),
        requests.change(next, {
          set: { status: 'offered', slot: r.slot, offerExpiresAt: expiresIso, updatedAt: at },
          while: { status: 'waitlisted' },
          line: null,
        }),
        slots.leftLine(r.year),
        deps.repos.requests.audit(next.id, {
          at,
          event: 'offered',
          by: 'system',
          detail: { slot: r.slot, expiresAt: expiresIso },
        }),
        ...outcomeEmails(deps, offered, nextQuartier!, undefined, counter.capacity, 'offered', now),
      );
    } else {
      // Nobody waiting: the slot is marked free for the next arrival (kept, so its number is not reissued twice).
      tx.push(...slots.free(slotItem));
    }
    tx.push(
      deps.repos.outbox.enqueue(
        {
          template: 'additional-support-change',
          to: [deps.config.mail.dynamoContact.email, deps.config.mail.team],
          cc: [q.advisor.email],
          subjectRef: r.id,
          data: {
            quartierName: q.name,
            change: cause,
            slot: r.slot,
            capacity: counter.capacity,
            by,
            reason,
            nextQuartierName: nextQuartier?.name,
          },
        },
        now,
      ),
    );
    // The requester hears of their own release; a quartier whose offer lapsed hears it too (its advisor copied,
    // as on the offer), since nobody acted and the slot has moved on.
    if (cause === 'released' || cause === 'offer-expired')
      tx.push(
        deps.repos.outbox.enqueue(
          {
            template: 'additional-support-outcome',
            to: [r.contact.email],
            ...(cause === 'offer-expired' ? { cc: [q.advisor.email] } : {}),
            locale: r.locale,
            subjectRef: r.id,
            data: {
              contactName: r.contact.name,
              quartierName: q.name,
              outcome: cause,
              slot: r.slot,
              capacity: counter.capacity,
              advisorName: q.advisor.name,
              statusUrl: statusUrl(deps, r.id),
              offerExpiresOn: offerLastDay(r),
              rclUrl: RCL_URL,
            },
          },
          now,
        ),
      );
    const done = await deps.tx.commit(tx);
    if (done.ok) return { kind: 'released', offeredTo: next?.id };
    await new Promise((res) => setTimeout(res, Math.random() * 20));
  }
  throw new Error('release: too many concurrent changes');
}

async function withdraw(deps: Deps, r: SupportRequest, by: string, reason?: string): Promise<ReleaseOutcome> {
  const at = deps.clock.now().toISOString();
  const done = await deps.tx.commit([
    deps.repos.requests.change(r, {
      set: { status: 'withdrawn', updatedAt: at },
      while: { status: r.status },
      line: null,
    }),
    ...(r.status === 'waitlisted' ? [deps.repos.slots.leftLine(r.year), deps.repos.slots.unclaim(r)] : []),
    deps.repos.requests.audit(r.id, { at, event: 'withdrawn', by, reason }),
  ]);
  return done.ok ? { kind: 'released' } : { kind: 'invalid-transition' };
}
