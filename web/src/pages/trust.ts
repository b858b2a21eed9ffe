/**
 * Who speaks for a quartier: the requester proves the address (verification link), then the advisor on file or
 * coordination vouches (confirmation link, or the dashboard). Links act on a click only: mail scanners open them.
 */
import { h, clear, announce, uid } from '../dom.ts';
import { t, label, STATUS, locale } from '../i18n.ts';
import { api } from '../api.ts';

export type TrustView = {
  id: string;
  kind: 'learning' | 'additional';
  status: string;
  createdAt: string;
  quartier: { id: string; name: string };
  contact: { name: string; email: string };
  summary: string;
  advisorNote?: { name: string; email: string };
};

const fragmentParams = () => new URLSearchParams(location.hash.split('?')[1] ?? '');
const when = (iso: string) =>
  new Date(iso).toLocaleString(locale() === 'en' ? 'en-CA' : 'fr-CA', {
    timeZone: 'America/Montreal',
    dateStyle: 'long',
    timeStyle: 'short',
  });

function say(into: HTMLElement, ok: boolean, message: string) {
  const p = h('p', { role: ok ? 'status' : 'alert', class: ok ? 'success' : 'error' }, message);
  into.append(p);
  announce(message);
  return p;
}

/** `#/verifier?id&sig`: the address's owner proves it is theirs. */
export async function verifyEmailPage(main: HTMLElement) {
  const p = fragmentParams();
  const id = p.get('id') ?? '';
  const out = h('div', {});
  const button = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      onclick: async () => {
        button.disabled = true;
        const r = await api(`/api/requests/${encodeURIComponent(id)}/verify-email`, {
          body: { signature: p.get('sig') ?? '' },
        });
        clear(out);
        if (!r.ok) {
          button.disabled = false;
          return say(out, false, r.body?.message ?? t('notFoundLink'));
        }
        button.hidden = true;
        say(
          out,
          true,
          r.body.status === 'awaiting-confirmation'
            ? t('verifiedNext')
            : t('verifiedAlready', { status: label(STATUS, r.body.status) }),
        );
      },
    },
    t('verifyButton'),
  );
  main.append(h('h1', {}, t('verifyTitle')), h('p', {}, t('verifyText')), button, out);
}

/** The facts an advisor or coordination needs to vouch: who, for which quartier, what. */
export function trustFacts(v: TrustView) {
  const rows: Array<[string, string]> = [
    [t('quartier'), v.quartier.name],
    [t('whoAsks'), `${v.contact.name} <${v.contact.email}>`],
    [t('what'), v.kind === 'learning' ? t('kindLearning') : t('kindAdditional')],
    [v.kind === 'learning' ? t('question') : t('topic'), v.summary],
    [t('receivedOn'), when(v.createdAt)],
  ];
  if (v.advisorNote) rows.push([t('advisorNoted'), `${v.advisorNote.name} <${v.advisorNote.email}>`]);
  return h(
    'dl',
    { class: 'facts' },
    rows.flatMap(([k, val]) => [h('dt', {}, k), h('dd', {}, val)]),
  );
}

/**
 * Confirm or refuse, as the advisor (signature) or coordination (staff token). Refusing first asks an optional
 * reason; the outcome replaces the buttons.
 */
export function trustDecision(v: TrustView, by: { signature?: string; staff?: boolean }, onDone?: () => void) {
  const box = h('div', { class: 'trust-decision' });
  const reasonId = uid('trust-reason');
  const reasonError = h('p', { class: 'field-error', id: `${reasonId}-error`, hidden: true });
  const reason = h('textarea', { id: reasonId, rows: 3, 'aria-describedby': `${reasonId}-error` });
  const refuseField = h(
    'div',
    { class: 'field', hidden: true },
    h('label', { for: reasonId }, t('reasonOptional')),
    reason,
    reasonError,
  );
  const out = h('div', {});
  const send = async (decision: 'confirm' | 'refuse') => {
    for (const b of box.querySelectorAll('button')) b.disabled = true;
    const text = reason.value.trim();
    const r = await api(`/api/requests/${encodeURIComponent(v.id)}/trust`, {
      body: {
        decision,
        ...(by.signature ? { signature: by.signature } : {}),
        ...(decision === 'refuse' && text ? { reason: text } : {}),
      },
      staff: by.staff,
    });
    clear(out);
    if (!r.ok) {
      for (const b of box.querySelectorAll('button')) b.disabled = false;
      const issue = (r.body?.issues as Array<{ path: string; message: string }> | undefined)?.find(
        (i) => i.path === 'reason',
      );
      if (issue) {
        reasonError.hidden = false;
        reasonError.textContent = issue.message;
        reason.setAttribute('aria-invalid', 'true');
      }
      return say(out, false, issue?.message ?? r.body?.message ?? t('networkError'));
    }
    clear(buttons);
    refuseField.hidden = true;
    say(
      out,
      true,
      r.body.status === 'not-confirmed'
        ? t('refusedResult')
        : t('confirmedResult', {
            name: v.contact.name,
            quartier: v.quartier.name,
            status: label(STATUS, r.body.status),
          }),
    );
    onDone?.();
  };
  const refuseButton = h(
    'button',
    {
      type: 'button',
      onclick: () => {
        if (refuseField.hidden) {
          refuseField.hidden = false;
          refuseButton.textContent = t('refuseConfirm');
          reason.focus();
        } else void send('refuse');
      },
    },
    t('refuse'),
  );
  const buttons = h(
    'div',
    { class: 'actions' },
    h('button', { type: 'button', class: 'primary', onclick: () => send('confirm') }, t('confirmTrust')),
    refuseButton,
  );
  box.append(refuseField, buttons, out);
  return box;
}

/** `#/confirmer?id&sig`: the advisor on file (or the team, copied) vouches for the requester. */
export async function confirmTrustPage(main: HTMLElement) {
  const p = fragmentParams();
  const id = p.get('id') ?? '';
  const signature = p.get('sig') ?? '';
  const r = await api(`/api/requests/${encodeURIComponent(id)}/trust?${new URLSearchParams({ sig: signature })}`);
  main.append(h('h1', {}, t('confirmTitle')));
  if (!r.ok) return void say(main, false, r.body?.message ?? t('notFoundLink'));
  const v = r.body as TrustView;
  main.append(h('p', {}, t('confirmText')), trustFacts(v));
  if (v.status === 'unverified') return void say(main, true, t('trustUnverified'));
  if (v.status !== 'awaiting-confirmation')
    return void say(main, true, t('trustClosed', { status: label(STATUS, v.status) }));
  main.append(trustDecision(v, { signature }));
}
