/** Hash routes (status tokens stay in the fragment), the language switch, the navigation. */
import './style.css';
import { h, clear } from './dom.ts';
import { t, locale, setLocale } from './i18n.ts';
import { setStaffToken, staffRole } from './api.ts';
import { completeHostedSignIn } from './cognito.ts';
import { home, learningForm, additionalForm, activities, topicProposal, mailingList, qrCodes } from './pages/public.ts';
import { requestStatus, partnerAnswer, cancelRegistration, mailingListLink } from './pages/links.ts';
import { signIn, dashboard } from './pages/staff.ts';
import { partnerPortal, partnerRequest } from './pages/partner.ts';
import { access } from './pages/access.ts';
import { importPage } from './pages/import.ts';
import { sessionsAdmin, settingsAdmin, bulkMessage } from './pages/sessions-admin.ts';
import { verifyEmailPage, confirmTrustPage } from './pages/trust.ts';
import { harvestPage } from './pages/harvest.ts';
import { privacyPage } from './pages/privacy.ts';
import { privacyAdmin } from './pages/privacy-admin.ts';

type Page = (main: HTMLElement, param?: string) => Promise<void>;
const ROUTES: Array<[RegExp, Page]> = [
  [/^\/?$/, home],
  [/^\/accompagnement$/, learningForm],
  [/^\/soutien-additionnel$/, additionalForm],
  [/^\/activites(?:\/([^/?]+))?$/, activities],
  [/^\/proposer-un-sujet$/, topicProposal],
  [/^\/liste-envoi$/, mailingList],
  [/^\/qr$/, qrCodes],
  [/^\/demande\/([^/?]+)$/, (m, id) => requestStatus(m, id ?? '')],
  [/^\/reponse$/, (m) => partnerAnswer(m)],
  [/^\/annuler$/, (m) => cancelRegistration(m)],
  [/^\/confirmation$/, (m) => mailingListLink(m, 'confirm')],
  [/^\/desabonnement$/, (m) => mailingListLink(m, 'unsubscribe')],
  [/^\/verifier$/, verifyEmailPage],
  [/^\/confirmer$/, confirmTrustPage],
  [/^\/connexion$/, signIn],
  [/^\/partenaire$/, partnerPortal],
  [/^\/partenaire\/([^/?]+)$/, (m, id) => partnerRequest(m, id ?? '')],
  [/^\/coordination$/, dashboard],
  [/^\/coordination\/acces$/, access],
  [/^\/coordination\/import$/, importPage],
  [/^\/coordination\/sessions$/, (m) => sessionsAdmin(m)],
  [/^\/coordination\/parametres$/, settingsAdmin],
  [/^\/coordination\/message$/, bulkMessage],
  [/^\/coordination\/recolte$/, harvestPage],
  [/^\/confidentialite$/, privacyPage],
  [/^\/coordination\/confidentialite$/, privacyAdmin],
];

function nav() {
  const el = document.getElementById('nav')!;
  clear(el);
  const who = staffRole();
  const links: Array<[string, string]> = [
    ['#/', t('navHome')],
    ['#/accompagnement', t('navLearning')],
    ['#/soutien-additionnel', t('navAdditional')],
    ['#/activites', t('navActivities')],
    [
      who?.role === 'partner' ? '#/partenaire' : who?.role === 'coordination' ? '#/coordination' : '#/connexion',
      t('navStaff'),
    ],
  ];
  el.append(
    h(
      'ul',
      {},
      links.map(([href, text]) =>
        h('li', {}, h('a', { href, 'aria-current': location.hash.split('?')[0] === href ? 'page' : undefined }, text)),
      ),
      who
        ? h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'link',
                onclick: () => {
                  setStaffToken(null);
                  location.hash = '#/';
                },
              },
              t('signOut'),
            ),
          )
        : null,
    ),
  );
  footer();
  const lang = document.getElementById('lang')!;
  lang.textContent = t('switchTo');
  lang.setAttribute('lang', locale() === 'fr' ? 'en' : 'fr');
  document.querySelector('.skip')!.textContent = t('skip');
}

/** Every page's footer: the privacy notice (Law 25) is one click away wherever one is. */
function footer() {
  const el = document.getElementById('footer');
  if (!el) return;
  clear(el);
  el.append(h('div', { class: 'wrap' }, h('a', { href: '#/confidentialite' }, t('privacyLink'))));
}

/** A real page for an address that matches none: what happened, and where to go. */
function notFound(main: HTMLElement) {
  document.title = `PIC — ${t('notFoundTitle')}`;
  main.append(
    h('h1', {}, t('notFoundTitle')),
    h('p', { class: 'lead' }, t('notFoundText')),
    h('p', {}, h('a', { href: '#/', class: 'button primary' }, t('notFoundHome'))),
    h(
      'ul',
      {},
      h('li', {}, h('a', { href: '#/accompagnement' }, t('askLearning'))),
      h('li', {}, h('a', { href: '#/activites' }, t('seeActivities'))),
    ),
    h('p', { class: 'hint' }, t('notFoundHelp')),
  );
}

/** Only `#/…` fragments are pages; `#main` (the skip link) and other in-page anchors are not routed. */
const isRoute = (hash: string) => hash === '' || hash === '#' || hash.startsWith('#/');

async function render() {
  // A fresh element each time: a page still loading from an earlier hash fills the old one, which is gone.
  const old = document.getElementById('main')!;
  const main = old.cloneNode(false) as HTMLElement;
  old.replaceWith(main);
  nav();
  const path = isRoute(location.hash) ? location.hash.replace(/^#/, '').split('?')[0] || '/' : '/';
  const match = ROUTES.map(([re, page]) => ({ m: re.exec(path), page })).find((x) => x.m);
  document.title = `PIC — ${t('title')}`;
  // The offer written in index.html stays on screen until the home page has built its own; other pages drop it.
  const staticOffer = document.getElementById('static-offer');
  if (!match) {
    staticOffer?.remove();
    return notFound(main);
  }
  const placeholder =
    path === '/' && staticOffer ? staticOffer : h('p', { class: 'loading', role: 'status' }, t('loading'));
  if (placeholder !== staticOffer) staticOffer?.remove();
  main.setAttribute('aria-busy', 'true');
  const page = match.page(main, match.m![1] ? decodeURIComponent(match.m![1]) : undefined);
  // A page that drew nothing synchronously shows the loading note until its first element arrives.
  if (!main.firstChild && placeholder !== staticOffer) main.append(placeholder);
  const watch = new MutationObserver(() => {
    if ([...main.childNodes].some((n) => n !== placeholder)) {
      placeholder.remove();
      watch.disconnect();
    }
  });
  watch.observe(main, { childList: true });
  try {
    await page;
  } finally {
    watch.disconnect();
    placeholder.remove();
    main.removeAttribute('aria-busy');
  }
  if (main.isConnected) main.focus({ preventScroll: true });
}

// The skip link moves focus to the content without changing the route.
document.querySelector<HTMLAnchorElement>('.skip')!.addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('main')!.focus();
});

document.getElementById('lang')!.addEventListener('click', () => {
  setLocale(locale() === 'fr' ? 'en' : 'fr');
  void render();
});
setLocale(locale());
window.addEventListener('hashchange', () => {
  if (isRoute(location.hash)) void render();
});
void completeHostedSignIn().then((signedIn) => {
  const who = signedIn ? staffRole() : null;
  if (who) location.hash = who.role === 'partner' ? '#/partenaire' : '#/coordination';
  void render();
});
