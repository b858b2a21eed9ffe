/** An email waiting in the outbox, and the message a use case asks to send (shared/usecases/outbox.ts). */
import type { TemplateName, TemplateData } from '#email/templates';
import type { Locale } from '#email/render';
import type { InviteInput } from '#email/calendar-invite';

export type OutboxStatus = 'pending' | 'sending' | 'retrying' | 'sent' | 'failed' | 'unconfirmed';

export type OutboxRecord = {
  id: string;
  template: TemplateName;
  data: Record<string, unknown>;
  to: string[];
  cc: string[];
  locale: Locale;
  /** Invite data; the notifier writes the ICS at delivery (the API never loads the ICS library). */
  calendar?: { method: 'REQUEST' | 'CANCEL'; invite: InviteInput };
  bulk?: boolean;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  leaseUntil?: string;
  sentAt?: string;
  sesMessageId?: string;
  lastError?: string;
  /** What the message is about (a request id, a session id), for the dashboard. */
  subjectRef?: string;
};

export type NewMessage<N extends TemplateName> = {
  template: N;
  data: TemplateData<N>;
  to: string[];
  cc?: string[];
  locale?: Locale;
  calendar?: OutboxRecord['calendar'];
  bulk?: boolean;
  subjectRef?: string;
  /** A stable id makes the message unique (e.g. one reminder per registration and day). */
  id?: string;
};

/** The record a new message starts as: pending, due now, each address once (cc never repeats a `to`). */
export function pendingRecord<N extends TemplateName>(msg: NewMessage<N>, id: string, at: string): OutboxRecord {
  return {
    id,
    template: msg.template,
    data: msg.data as Record<string, unknown>,
    to: [...new Set(msg.to)],
    cc: [...new Set(msg.cc ?? [])].filter((a) => !msg.to.includes(a)),
    locale: msg.locale ?? 'fr',
    calendar: msg.calendar,
    bulk: msg.bulk,
    subjectRef: msg.subjectRef,
    status: 'pending',
    attempts: 0,
    createdAt: at,
    nextAttemptAt: at,
  };
}
