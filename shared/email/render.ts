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

export function renderLayout(c: EmailContent, locale: Locale): RenderedEmail {
  const subject = headerSafe(c.subject);
  const text = [
    ...c.paragraphs,
    ...(c.actions ?? []).map((a) => `${a.label} : ${a.url}`),
    ...(c.footer ? ['--', c.footer.url ? `${c.footer.text} : ${c.footer.url}` : c.footer.text] : []),
  ].join('\n\n');
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,sans-serif;color:#1a1a1a;line-height:1.5;max-width:640px">',
    ...c.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(c.actions ?? []).map(
      (a) =>
        `<p><a href="${escapeHtml(safeUrl(a.url))}" style="background:#0b5394;color:#fff;padding:8px 14px;text-decoration:none;border-radius:4px">${escapeHtml(a.label)}</a></p>`,
    ),
    ...(c.footer
      ? [
          `<hr><p style="font-size:12px;color:#555">${
            c.footer.url
              ? `<a href="${escapeHtml(safeUrl(c.footer.url))}">${escapeHtml(c.footer.text)}</a>`
              : escapeHtml(c.footer.text)
          }</p>`,
        ]
      : []),
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

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
