/** The one layout every email goes through: values are escaped here, once, and never trusted as markup. */
export type Locale = 'fr' | 'en';

export type EmailContent = {
  subject: string;
  /** Paragraphs of plain text; rendered escaped. */
  paragraphs: string[];
  /** Buttons / links the reader needs to act. */
  actions?: Array<{ label: string; url: string }>;
  /** Small print, e.g. the unsubscribe link. */
  footer?: { text: string; url?: string };
};

export type RenderedEmail = { subject: string; text: string; html: string };

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Header values (subjects, display names) lose line breaks and control characters: no header injection. */
export function headerSafe(value: unknown): string {
  return String(value ?? '')
    .replace(/[\r\n\t\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : '#');

/** The program as every email names it, in its header and footer. */
export const PROGRAM_NAME = 'Projet impact collectif — Centraide';
const BRAND_COLOUR = '#073763';

/** "Label : value" in French, "Label: value" in English. */
const colon = (label: string, locale: Locale) => (locale === 'en' ? `${label}:` : `${label} :`);

/**
 * Who to write to: the team's address, in the footer of every email; and the privacy notice's page (Law 25: every
 * email links to it).
 */
export type Brand = { contact?: string; privacyUrl?: string };

/** The privacy notice's link of the footer, as a label and its address. */
const privacyLink = (locale: Locale, brand: Brand) =>
  brand.privacyUrl
    ? {
        text:
          locale === 'en'
            ? 'Privacy and your personal information'
            : 'Confidentialité et vos renseignements personnels',
        url: brand.privacyUrl,
      }
    : undefined;

function footerLines(locale: Locale, brand: Brand): string[] {
  const program =
    locale === 'en'
      ? `${PROGRAM_NAME} · capacity-building program for the neighbourhoods`
      : `${PROGRAM_NAME} · renforcement des compétences et apprentissages des quartiers`;
  const contact = brand.contact
    ? locale === 'en'
      ? `Questions? Reply to this email or write to the PIC team: ${brand.contact}`
      : `Des questions ? Répondez à ce courriel ou écrivez à l'équipe PIC : ${brand.contact}`
    : undefined;
  return contact ? [program, contact] : [program];
}

export function renderLayout(c: EmailContent, locale: Locale, brand: Brand = {}): RenderedEmail {
  const subject = headerSafe(c.subject);
  const footer = footerLines(locale, headerSafeBrand(brand));
  const privacy = privacyLink(locale, brand);
  const text = [
    PROGRAM_NAME,
    ...c.paragraphs,
    ...(c.actions ?? []).map((a) => `${colon(a.label, locale)} ${a.url}`),
    [
      '--',
      ...footer,
      ...(privacy ? [`${colon(privacy.text, locale)} ${privacy.url}`] : []),
      ...(c.footer ? [c.footer.url ? `${colon(c.footer.text, locale)} ${c.footer.url}` : c.footer.text] : []),
    ].join('\n'),
  ].join('\n\n');
  const small = 'font-size:12px;color:#4a4a4a;margin:4px 0';
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f3f6fa">',
    '<div style="font-family:Arial,sans-serif;color:#1a1a1a;line-height:1.5;max-width:640px;background:#fff">',
    `<div style="background:${BRAND_COLOUR};color:#fff;padding:12px 20px;font-weight:bold">${escapeHtml(PROGRAM_NAME)}</div>`,
    '<div style="padding:8px 20px">',
    ...c.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(c.actions ?? []).map(
      (a) =>
        `<p><a href="${escapeHtml(safeUrl(a.url))}" style="background:#0b5394;color:#fff;padding:8px 14px;text-decoration:none;border-radius:4px">${escapeHtml(a.label)}</a></p>`,
    ),
    '</div>',
    '<div style="border-top:1px solid #c9c9c9;padding:8px 20px 16px">',
    ...footer.map((line) => `<p style="${small}">${escapeHtml(line)}</p>`),
    ...(privacy
      ? [`<p style="${small}"><a href="${escapeHtml(safeUrl(privacy.url))}">${escapeHtml(privacy.text)}</a></p>`]
      : []),
    ...(c.footer
      ? [
          `<p style="${small}">${
            c.footer.url
              ? `<a href="${escapeHtml(safeUrl(c.footer.url))}">${escapeHtml(c.footer.text)}</a>`
              : escapeHtml(c.footer.text)
          }</p>`,
        ]
      : []),
    '</div></div>',
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

const headerSafeBrand = (brand: Brand): Brand => (brand.contact ? { contact: headerSafe(brand.contact) } : {});

export function formatMinutes(minutes: number, locale: Locale): string {
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(minutes);
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (locale === 'en') return `${sign}${h} h${rest ? ` ${rest} min` : ''}`;
  return `${sign}${h} h${rest ? ` ${String(rest).padStart(2, '0')}` : ''}`;
}

export function formatDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-CA' : 'fr-CA', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}
