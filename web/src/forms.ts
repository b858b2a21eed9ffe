/**
 * Accessible forms: every field labelled, hints and errors tied to it (aria-describedby), errors announced in
 * a summary that takes focus. Messages are the API's own (the form does not second-guess them).
 */
import { h, clear, announce, uid } from './dom.ts';
import { t } from './i18n.ts';
import type { ApiResult } from './api.ts';

export type Field = {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'tel' | 'textarea' | 'select' | 'radio' | 'checkbox' | 'number' | 'date' | 'time' | 'url';
  options?: Array<{ value: string; label: string }>;
  required?: boolean;
  hint?: string;
  value?: string;
  /** Turns the raw value into what the API expects (e.g. hours → minutes). */
  transform?: (raw: string) => unknown;
  autocomplete?: string;
  showIf?: (values: Record<string, string>) => boolean;
};

function setPath(obj: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    cur[p] ??= {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts.at(-1)!] = value;
}

export function buildForm(opts: {
  fields: Field[];
  submitLabel: string;
  onSubmit: (data: Record<string, unknown>) => Promise<ApiResult>;
  onSuccess: (r: ApiResult) => void;
  /** A refusal that is no field's fault (a 409): the page says it its own way; returns false to leave it here. */
  onRefusal?: (r: ApiResult) => boolean;
  name: string;
}) {
  const summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true });
  const controls = new Map<
    string,
    { wrap: HTMLElement; error: HTMLElement; inputs: Array<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement> }
  >();
  const form = h('form', { novalidate: true, 'aria-label': opts.name });
  form.appendChild(summary);

  for (const f of opts.fields) {
    const id = uid(f.name.replace(/\./g, '-'));
    const errorId = `${id}-error`;
    const hintId = f.hint ? `${id}-hint` : undefined;
    const error = h('p', { class: 'field-error', id: errorId, hidden: true });
    const describedBy = [hintId, errorId].filter(Boolean).join(' ');
    const req = f.required ? h('span', { class: 'req' }, ` (${t('required')})`) : null;
    let inputs: Array<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement> = [];
    let wrap: HTMLElement;
    if (f.type === 'radio') {
      inputs = (f.options ?? []).map((o, i) =>
        h('input', {
          type: 'radio',
          name: f.name,
          id: `${id}-${i}`,
          value: o.value,
          checked: f.value === o.value,
          'aria-describedby': describedBy,
        }),
      );
      wrap = h(
        'fieldset',
        { class: 'field' },
        h('legend', {}, f.label, req),
        f.hint ? h('p', { class: 'hint', id: hintId }, f.hint) : null,
        (f.options ?? []).map((o, i) =>
          h('div', { class: 'choice' }, inputs[i], h('label', { for: `${id}-${i}` }, o.label)),
        ),
        error,
      );
    } else if (f.type === 'checkbox') {
      const box = h('input', { type: 'checkbox', name: f.name, id, 'aria-describedby': describedBy });
      inputs = [box];
      // The box and its label side by side; the hint and the error below them, full width, as on other fields.
      wrap = h(
        'div',
        { class: 'field' },
        h('div', { class: 'choice' }, box, h('label', { for: id }, f.label, req)),
        f.hint ? h('p', { class: 'hint', id: hintId }, f.hint) : null,
        error,
      );
    } else {
      const common = {
        name: f.name,
        id,
        'aria-describedby': describedBy,
        required: f.required,
        autocomplete: f.autocomplete,
      };
      const input =
        f.type === 'textarea'
          ? h('textarea', { ...common, rows: 4 })
          : f.type === 'select'
            ? h(
                'select',
                common,
                (f.options ?? []).map((o) => h('option', { value: o.value, selected: f.value === o.value }, o.label)),
              )
            : h('input', {
                ...common,
                type: f.type ?? 'text',
                value: f.value,
                inputmode: f.type === 'number' ? 'decimal' : undefined,
                step: f.type === 'number' ? 'any' : undefined,
              });
      inputs = [input];
      wrap = h(
        'div',
        { class: 'field' },
        h('label', { for: id }, f.label, req),
        f.hint ? h('p', { class: 'hint', id: hintId }, f.hint) : null,
        input,
        error,
      );
    }
    controls.set(f.name, { wrap, error, inputs });
    form.appendChild(wrap);
  }

  const values = () => {
    const out: Record<string, string> = {};
    for (const [name, c] of controls) {
      const f = opts.fields.find((x) => x.name === name)!;
      if (f.type === 'radio') out[name] = (c.inputs as HTMLInputElement[]).find((i) => i.checked)?.value ?? '';
      else if (f.type === 'checkbox') out[name] = (c.inputs[0] as HTMLInputElement).checked ? 'true' : '';
      else out[name] = c.inputs[0].value.trim();
    }
    return out;
  };
  const refreshVisibility = () => {
    const v = values();
    for (const f of opts.fields) if (f.showIf) controls.get(f.name)!.wrap.hidden = !f.showIf(v);
  };
  form.addEventListener('change', refreshVisibility);
  refreshVisibility();

  const button = h('button', { type: 'submit', class: 'primary' }, opts.submitLabel);
  form.appendChild(button);

  const showErrors = (issues: Array<{ path: string; message: string }>) => {
    clear(summary);
    summary.hidden = false;
    summary.setAttribute('role', 'alert');
    const list = h('ul', {});
    for (const issue of issues) {
      const c = controls.get(issue.path);
      if (c) {
        c.error.hidden = false;
        c.error.textContent = issue.message;
        for (const i of c.inputs) i.setAttribute('aria-invalid', 'true');
        list.appendChild(
          h(
            'li',
            {},
            h(
              'a',
              {
                href: `#${c.inputs[0].id}`,
                onclick: (e: Event) => {
                  e.preventDefault();
                  c.inputs[0].focus();
                },
              },
              issue.message,
            ),
          ),
        );
      } else list.appendChild(h('li', {}, issue.message));
    }
    summary.append(h('h2', {}, t('errorsTitle')), list);
    summary.focus();
    announce(issues.map((i) => i.message).join('. '));
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const c of controls.values()) {
      c.error.hidden = true;
      for (const i of c.inputs) i.removeAttribute('aria-invalid');
    }
    summary.hidden = true;
    const v = values();
    const data: Record<string, unknown> = {};
    for (const f of opts.fields) {
      if (f.showIf && !f.showIf(v)) continue;
      const raw = v[f.name];
      // Empty required fields are sent empty, so the API names each of them; empty optional ones are left out.
      if (raw === '' && f.type !== 'checkbox' && !f.required) continue;
      setPath(
        data,
        f.name,
        f.transform && raw !== '' ? f.transform(raw) : f.type === 'checkbox' ? raw === 'true' : raw,
      );
    }
    button.disabled = true;
    button.textContent = t('sending');
    const r = await opts.onSubmit(data);
    button.disabled = false;
    button.textContent = opts.submitLabel;
    if (r.ok) return opts.onSuccess(r);
    if (r.status === 400 && r.body?.issues) return showErrors(r.body.issues);
    if (opts.onRefusal?.(r)) return;
    showErrors([{ path: '', message: r.body?.message ?? t('networkError') }]);
  });
  return form;
}
