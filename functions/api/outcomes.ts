/** Expected outcomes of use cases → HTTP answers, in one place. */
import { refused, notFound, forbidden, type ApiResponse } from '#shared/http';
import { fieldMessage, isMessageCode, message, type MessageCode } from '#shared/i18n';
import type { Locale } from '#email/render';

/** Refusals that are about one field of the input are validation errors naming it. */
const FIELD_OF: Partial<Record<MessageCode, string>> = {
  'unknown-quartier': 'quartierId',
  'billable-not-acknowledged': 'billableAcknowledged',
  'future-date': 'date',
  'before-enrolment': 'date',
  'before-enrolment-year': 'year',
  'future-year': 'year',
  'before-acceptance': 'date',
  'unknown-request': 'requestId',
  'hours-before-enrolment': 'enrolledYear',
  'step-required': 'step',
  'unknown-theme': 'themes',
};

/** Refusals that are not a rule's 409. */
const STATUS_OF: Partial<Record<MessageCode, number>> = {
  'too-many-emails': 429,
};

/** A 400 naming one field, for a rule that needs more than the schema (today's date, the store). */
export function fieldRefusal(path: string, code: MessageCode, locale: Locale): ApiResponse {
  return {
    status: 400,
    body: {
      error: 'validation',
      issues: [{ path, message: fieldMessage(path, message(code, locale), locale) }],
    },
  };
}

/** `extra` goes with a refusal (409) the caller can act on, such as the link to register elsewhere. */
export function outcomeResponse(kind: string, locale: Locale, extra: Record<string, unknown> = {}): ApiResponse {
  if (kind === 'not-found') return notFound(locale);
  if (kind === 'forbidden') return forbidden(locale);
  if (!isMessageCode(kind)) return { status: 409, body: { error: kind, message: kind } };
  const path = FIELD_OF[kind];
  if (path) return fieldRefusal(path, kind, locale);
  return refused(kind, locale, STATUS_OF[kind] ?? 409, extra);
}
