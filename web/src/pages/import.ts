/**
 * The quartiers spreadsheet (coordination): choose a file, preview what it would create, update or leave alone —
 * or the errors, line and column — apply it, and download the file as the program holds it now.
 */
import { h, clear, announce, uid } from '../dom.ts';
import { t, locale, type Key, colon } from '../i18n.ts';
import { staffToken, type ApiResult } from '../api.ts';
import { requireRole, table } from './staff.ts';

type Report = {
  dryRun: boolean;
  year: string;
  created: number;
  updated: number;
  unchanged: number;
  rows: Array<{ line: number; id: string; status: 'created' | 'updated' | 'unchanged'; changes: string[] }>;
};

const PREVIEW_KEYS = {
  created: 'importRowCreated',
  updated: 'importRowUpdated',
  unchanged: 'importRowUnchanged',
} as const;
const DONE_KEYS = {
  created: 'importRowCreatedDone',
  updated: 'importRowUpdatedDone',
  unchanged: 'importRowUnchanged',
} as const;
const CHANGE_KEYS: Record<string, Key> = {
  name: 'changeName',
  advisor: 'changeAdvisor',
  enrolledYear: 'changeEnrolledYear',
  contact: 'changeContact',
  openingCarryMinutes: 'changeOpeningCarry',
};
const changeLabel = (c: string) => (CHANGE_KEYS[c] ? t(CHANGE_KEYS[c]) : c);

/** Excel saves UTF-8 when asked to, and Windows-1252 otherwise: a file not valid as UTF-8 is read as the latter. */
async function readText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

async function send(path: string, init: { method?: string; csv?: string }): Promise<ApiResult> {
  const headers: Record<string, string> = { 'accept-language': locale(), authorization: `Bearer ${staffToken()}` };
  if (init.csv !== undefined) headers['content-type'] = 'text/csv; charset=utf-8';
  try {
    const res = await fetch(path, { method: init.method ?? 'GET', headers, body: init.csv });
    const json = (res.headers.get('content-type') ?? '').includes('json');
    return { ok: res.ok, status: res.status, body: json ? await res.json().catch(() => undefined) : await res.text() };
  } catch {
    return { ok: false, status: 0, body: undefined };
  }
}

export async function importPage(main: HTMLElement) {
  if (!requireRole(main, 'coordination')) return;
  const fileId = uid('import-file');
  const input = h('input', { id: fileId, type: 'file', accept: '.csv,text/csv', 'aria-describedby': `${fileId}-hint` });
  const previewButton = h('button', { type: 'button' }, t('preview'));
  const applyButton = h('button', { type: 'button', disabled: true }, t('importApply'));
  const result = h('div', { id: 'import-result', 'aria-live': 'polite' });
  let text: string | null = null;

  const show = (out: ApiResult, applied: boolean) => {
    clear(result);
    if (!out.ok) {
      const issues: Array<{ path: string; message: string }> = out.body?.issues ?? [];
      result.append(
        h(
          'div',
          { role: 'alert', class: 'error-summary' },
          h('h2', {}, t('importErrors')),
          issues.length
            ? h(
                'ul',
                {},
                issues.map((i) => h('li', {}, i.message)),
              )
            : h('p', {}, out.body?.message ?? t('networkError')),
        ),
      );
      return false;
    }
    const r = out.body as Report;
    const summary = [
      `${colon(t('importCreated'))} ${r.created}`,
      `${colon(t('importUpdated'))} ${r.updated}`,
      `${colon(t('importUnchanged'))} ${r.unchanged}`,
    ].join(' · ');
    result.append(
      h('h2', {}, applied ? t('importDone') : `${t('preview')} — ${r.year}`),
      h('p', { id: 'import-summary' }, summary),
      table(
        applied ? t('importDone') : t('preview'),
        [t('importLine'), t('importQuartier'), t('status'), t('importChanges')],
        r.rows.map((row) => [
          String(row.line),
          row.id,
          t((applied ? DONE_KEYS : PREVIEW_KEYS)[row.status]),
          row.changes.map(changeLabel).join(', ') || '—',
        ]),
      ),
    );
    announce(summary);
    return true;
  };

  input.addEventListener('change', () => {
    text = null;
    applyButton.disabled = true;
    clear(result);
  });
  previewButton.addEventListener('click', async () => {
    const file = input.files?.[0];
    if (!file) return void announce(t('importChoose'));
    text = await readText(file);
    const out = await send('/api/imports/quartiers?dryRun=true', { method: 'POST', csv: text });
    applyButton.disabled = !show(out, false);
  });
  applyButton.addEventListener('click', async () => {
    if (text === null) return;
    const out = await send('/api/imports/quartiers?dryRun=false', { method: 'POST', csv: text });
    show(out, true);
    applyButton.disabled = true;
  });

  const download = h('button', { type: 'button', id: 'import-export' }, t('importDownload'));
  download.addEventListener('click', async () => {
    const out = await send('/api/exports/quartiers', {});
    if (!out.ok || typeof out.body !== 'string') return void announce(out.body?.message ?? t('networkError'));
    // The reader drops the BOM; Excel needs it to read the file as UTF-8.
    const body = out.body.startsWith('\uFEFF') ? out.body : `\uFEFF${out.body}`;
    const url = URL.createObjectURL(new Blob([body], { type: 'text/csv;charset=utf-8' }));
    const a = h('a', { href: url, download: 'quartiers.csv', hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });

  main.append(
    h('p', {}, h('a', { href: '#/coordination' }, `← ${t('navStaff')}`)),
    h('h1', {}, t('importTitle')),
    h('p', { class: 'hint' }, t('importHint')),
    h(
      'p',
      {},
      h('code', {}, 'id;name;advisorName;advisorEmail;contactName;contactEmail;enrolledYear;openingCarryMinutes'),
    ),
    h('label', { for: fileId }, t('importFile')),
    h('p', { class: 'hint', id: `${fileId}-hint` }, t('importFileHint')),
    input,
    h('p', {}, previewButton, ' ', applyButton),
    result,
    h('h2', {}, t('importExport')),
    h('p', {}, download),
  );
}
