/** Axis 3's catalogue: activities, their sessions, registrations, and what the public sees of a session. */
import type { Duration } from './calendar.ts';
import type { Locale } from '#email/render';

export type ActivityItem = {
  id: string;
  title: { fr: string; en: string };
  summary: { fr: string; en: string };
  coordinator: string;
  acceptsTopicProposals?: boolean;
  /** Every session of the activity registers on this site (the organiser's), unless the session names its own. */
  registrationUrl?: string;
};
export type SessionItem = {
  id: string;
  activityId: string;
  date: string;
  startTime: string;
  duration: Duration;
  capacity?: number;
  place?: string;
  virtualUrl?: string;
  /** Registration on the organiser's site rather than here; the activity's link applies when this is absent. */
  registrationUrl?: string;
  status: 'scheduled' | 'cancelled';
  sequence: number;
  registeredCount: number;
  /** People on the waiting list now. While it is above zero, a free seat is theirs, never a newcomer's. */
  waitingCount?: number;
  waitSeq: number;
  fanoutSequence: number;
};
export type RegistrationItem = {
  id: string;
  sessionId: string;
  name: string;
  email: string;
  quartierId?: string;
  locale: Locale;
  status: 'registered' | 'waitlisted' | 'cancelled';
  ticket?: number;
  createdAt: string;
  reminders?: number[];
};

/** A session as the catalogue shows it: seats left, not the counters behind them. */
export const publicSession = ({ fanoutSequence, waitSeq, waitingCount, ...s }: SessionItem) => ({
  ...s,
  // A seat freed while people wait is theirs (promotion follows): newcomers see none.
  seatsLeft:
    s.capacity === undefined ? null : (waitingCount ?? 0) > 0 ? 0 : Math.max(0, s.capacity - s.registeredCount),
});

/** Where a session's registrations go when not here: its own link, else its activity's. */
export const registrationElsewhere = (activity: ActivityItem, session: SessionItem) =>
  session.registrationUrl ?? activity.registrationUrl;

/** A session more than ten years after `today` is a typo: reminders and invites are computed from its date. */
export const beyondHorizon = (date: string | undefined, today: string) =>
  !!date && date > `${Number(today.slice(0, 4)) + 10}${today.slice(4)}`;
