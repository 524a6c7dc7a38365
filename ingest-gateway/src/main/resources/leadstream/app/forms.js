// Forms: the list, and a form's page: the builder (fields with their type, validation and the
// contact field each sets; the actions a submission runs; the API's refusals shown where they
// point), the embed code to copy (script, iframe, plain HTML), and the results, a page at a time
// or as one CSV download.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { CsvButton } from './csv.js';
import { usePaged } from './paging.js';
import { api, byPointer } from './api.js';
import { KindProps } from './campaign-steps.js';
import { useDefinitions } from './definitions.js';

const html = htm.bind(h);
const path = (id) => `/api/v1/forms/${encodeURIComponent(id)}`;
const TYPES = ['text', 'email', 'tel', 'number', 'url', 'textarea', 'date', 'datetime', 'select', 'multiselect', 'checkbox',
  'checkboxgrp', 'radiogrp', 'country', 'hidden', 'file', 'captcha', 'freetext', 'freehtml', 'pagebreak'];
// Types whose value is nobody's contact field (a question's answer, a file, a page's end).
const NO_FIELD = ['captcha', 'file', 'pagebreak'];
/** Types whose values are chosen among options. */
const CHOOSE = ['select', 'multiselect', 'checkboxgrp', 'radiogrp'];
/** Types shown in the form that take no value: their content instead. */
const SHOWN_ONLY = ['freetext', 'freehtml'];
const ACTIONS = ['segment_add', 'segment_remove', 'adjust_points', 'tags_add', 'tags_remove', 'update_field', 'send_email', 'notify',
  'campaign_add', 'campaign_remove', 'dnc_add', 'dnc_remove', 'webhook'];

export function FormList({ session }) {
  const [forms, setForms] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => { api('GET', '/api/v1/forms').then((r) => setForms(r.forms), (e) => setError(e.message)); }, []);
  const [shown, pager] = usePaged(forms, 'forms');
  return html`<h1>Forms</h1>
    ${session.mayWrite && html`<p><a href="#/forms/new" id="new-form">New form</a></p>`}
    <p class="error" role="alert">${error}</p>
    ${forms && html`<table id="forms"><thead><tr><th>Form</th><th>Id</th><th>Fields</th></tr></thead>
      <tbody>${shown.map((f) => html`<tr key=${f.id}><td><a href=${`#/forms/${f.id}`}>${f.name || f.id}</a></td><td>${f.id}</td>
        <td>${f.fields.length}</td></tr>`)}</tbody></table>
      ${pager}<${CsvButton} table="forms" />`}`;
}

/** Options as lines of "value" or "value|Label". */
const optionsText = (options) => (options || []).map((o) => (o.label ? `${o.value}|${o.label}` : o.value)).join('\n');
const parseOptions = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
  const [value, label] = l.split('|');
  return label ? { value, label } : { value };
});

/** The contact field a form field sets: absent = the same alias, null = none. */
const mappingOf = (f) => (!('contactField' in f) ? '' : f.contactField === null ? '-' : f.contactField);
function withMapping(f, choice) {
  const { contactField, ...rest } = f;
  return choice === '' ? rest : { ...rest, contactField: choice === '-' ? null : choice };
}

function FieldRow({ field, i, count, contactFields, problems, readOnly, onChange, onMove, onRemove }) {
  const at = `/fields/${i}`;
  const problem = Object.entries(problems).filter(([p]) => p === at || p.startsWith(`${at}/`)).map(([, r]) => r).join('; ');
  const set = (prop, value) => onChange({ ...field, [prop]: value });
  const type = field.type || 'text';
  const typed = (t) => {
    const { options, maxLength, _typed, content, required, contactField, answer, extensions, maxSizeMb, backLabel, ...rest } = field;
    const kept = { ...(required ? { required } : {}), ...('contactField' in field ? { contactField } : {}) };
    if (CHOOSE.includes(t)) onChange({ ...rest, ...kept, type: t, options: options || [] });
    else if (SHOWN_ONLY.includes(t)) onChange({ ...rest, type: t, content: content || '' });
    else if (t === 'captcha') onChange({ ...rest, type: t, answer: answer || '' });
    else if (t === 'file') onChange({ ...rest, ...(required ? { required } : {}), type: t, extensions: extensions || ['pdf'], ...(maxSizeMb ? { maxSizeMb } : {}) });
    else if (t === 'pagebreak') onChange({ ...rest, type: t });
    else onChange({ ...rest, ...kept, type: t, ...(maxLength ? { maxLength } : {}) });
  };
  const id = (part) => `field-${i}-${part}`;
  return html`<tr class="form-field" id=${`form-field-${i}`} aria-invalid=${problem ? 'true' : undefined}>
    <td><input id=${id('alias')} aria-label="Alias" value=${field.alias} readOnly=${readOnly} required pattern="[a-z][a-z0-9_]{0,63}"
      onInput=${(e) => set('alias', e.target.value)} /></td>
    <td><input id=${id('label')} aria-label="Label" value=${field.label || ''} readOnly=${readOnly} onInput=${(e) => set('label', e.target.value)} /></td>
    <td><select id=${id('type')} aria-label="Type" value=${type} disabled=${readOnly} onChange=${(e) => typed(e.target.value)}>
      ${TYPES.map((t) => html`<option value=${t}>${t}</option>`)}</select>
      ${SHOWN_ONLY.includes(type) && html`<textarea id=${id('content')} aria-label=${type === 'freehtml' ? 'HTML shown' : 'Text shown'} rows="3"
        readOnly=${readOnly} value=${field.content || ''} onInput=${(e) => set('content', e.target.value)} />`}
      ${CHOOSE.includes(type) && html`<textarea id=${id('options')} aria-label="Options, one per line (value|Label)" rows="3" readOnly=${readOnly}
        value=${field._typed ?? optionsText(field.options)}
        onInput=${(e) => onChange({ ...field, _typed: e.target.value, options: parseOptions(e.target.value) })} />`}
      ${type === 'captcha' && html`<input id=${id('answer')} aria-label="Answer (the label is the question)" value=${field.answer || ''} readOnly=${readOnly}
        required onInput=${(e) => set('answer', e.target.value)} />`}
      ${type === 'file' && html`<input id=${id('extensions')} aria-label="Extensions taken, comma-separated" value=${field._typed ?? (field.extensions || []).join(', ')}
        readOnly=${readOnly} onInput=${(e) => onChange({ ...field, _typed: e.target.value,
          extensions: e.target.value.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean) })} />
        <input id=${id('max-size')} aria-label="Largest file (MB)" type="number" min="1" max="50" value=${field.maxSizeMb || 2} readOnly=${readOnly}
          onInput=${(e) => set('maxSizeMb', Number(e.target.value))} />`}</td>
    <td>${![...SHOWN_ONLY, 'captcha', 'pagebreak'].includes(type) && html`<input type="checkbox" id=${id('required')} aria-label="Required" checked=${!!field.required}
      disabled=${readOnly} onChange=${(e) => set('required', e.target.checked)} />`}</td>
    <td>${![...CHOOSE, ...SHOWN_ONLY, ...NO_FIELD, 'checkbox', 'country'].includes(type) && html`<input id=${id('max')} aria-label="Longest" type="number" min="1" max="65535"
      value=${field.maxLength || 255} readOnly=${readOnly} onInput=${(e) => set('maxLength', Number(e.target.value))} />`}</td>
    <td>${![...SHOWN_ONLY, ...NO_FIELD, 'hidden'].includes(type) && html`<label class="inline"><input type="checkbox" id=${id('autofill')} aria-label="Pre-filled for a known contact"
        checked=${!!field.autofill} disabled=${readOnly} onChange=${(e) => set('autofill', e.target.checked || undefined)} /> pre-filled</label>
      <label class="inline"><input type="checkbox" id=${id('ask-again')} aria-label="Asked of a contact that has a value" checked=${field.showWhenValueExists !== false} disabled=${readOnly}
        onChange=${(e) => set('showWhenValueExists', e.target.checked ? undefined : false)} /> asked when known</label>`}</td>
    <td>${![...SHOWN_ONLY, ...NO_FIELD].includes(type) && html`<select id=${id('maps')} aria-label="Sets contact field" value=${mappingOf(field)}
      disabled=${readOnly} onChange=${(e) => onChange(withMapping(field, e.target.value))}>
      <option value="">the field named ${field.alias || '…'}</option><option value="-">none (kept with the result)</option>
      ${contactFields.map((c) => html`<option value=${c.id}>${c.label || c.id}</option>`)}</select>`}</td>
    <td>${!readOnly && html`<button type="button" aria-label="Up" disabled=${i === 0} onClick=${() => onMove(-1)}>↑</button>
      <button type="button" aria-label="Down" disabled=${i === count - 1} onClick=${() => onMove(1)}>↓</button>
      <button type="button" id=${id('remove')} onClick=${onRemove}>Remove</button>`}
      ${problem && html`<div class="error" role="alert">${problem}</div>`}</td>
  </tr>`;
}

/** One of the actions a submission runs, in order: its type, then what the type asks for. */
function ActionRow({ action, i, count, choices, problems, readOnly, onChange, onMove, onRemove }) {
  const at = `/actions/${i}`;
  const problem = Object.entries(problems).filter(([p]) => p === at || p.startsWith(`${at}/`)).map(([, r]) => r).join('; ');
  const { type, ...props } = action;
  return html`<li class="form-action" id=${`form-action-${i}`} aria-invalid=${problem ? 'true' : undefined}>
    <fieldset disabled=${readOnly}><legend>Action ${i + 1}</legend>
      <label for=${`action-${i}-type`}>Type</label>
      <select id=${`action-${i}-type`} value=${type} onChange=${(e) => onChange({ type: e.target.value })}>
        ${ACTIONS.map((t) => html`<option value=${t}>${t.replace('_', ' ')}</option>`)}</select>
      <${KindProps} prefix=${`action-${i}`} step=${{ ...props, kind: type }} choices=${choices}
        onChange=${({ kind, ...next }) => onChange({ type: kind, ...next })} />
    </fieldset>
    ${!readOnly && html`<button type="button" aria-label=${`Move action ${i + 1} up`} disabled=${i === 0} onClick=${() => onMove(-1)}>↑</button>
      <button type="button" aria-label=${`Move action ${i + 1} down`} disabled=${i === count - 1} onClick=${() => onMove(1)}>↓</button>
      <button type="button" id=${`action-${i}-remove`} onClick=${onRemove}>Remove action</button>`}
    ${problem && html`<div class="error" role="alert">${problem}</div>`}</li>`;
}

function Embed({ id }) {
  const [plain, setPlain] = useState('');
  useEffect(() => {
    fetch(`/form/embed/${encodeURIComponent(id)}`).then((r) => r.text()).then((page) => {
      const form = new DOMParser().parseFromString(page, 'text/html').querySelector('form');
      setPlain(form ? form.outerHTML : '');
    }, () => {});
  }, [id]);
  const codes = [
    ['embed-script', 'Script (writes the form where it is placed)', `<script src="${location.origin}/form/generate.js?id=${id}"></script>`],
    ['embed-iframe', 'Iframe', `<iframe src="${location.origin}/form/embed/${id}" width="100%" height="500" frameborder="0"></iframe>`],
    ['embed-html', 'Plain HTML (style it as you like)', plain],
  ];
  return html`<section><h2>Embed</h2>${codes.map(([key, label, code]) => html`<div key=${key} class="embed">
    <label for=${key}>${label}</label>
    <textarea id=${key} class="code" rows=${key === 'embed-html' ? 8 : 2} readOnly value=${code} />
    <button type="button" onClick=${() => navigator.clipboard && navigator.clipboard.writeText(code)}>Copy</button></div>`)}</section>`;
}

function Results({ form }) {
  const [before, setBefore] = useState([]);
  const [page, setPage] = useState(null);
  useEffect(() => {
    const cursor = before.length ? `&before=${encodeURIComponent(before[before.length - 1])}` : '';
    api('GET', `${path(form.id)}/submissions?limit=25${cursor}`).then(setPage, () => {});
  }, [form.id, before]);
  if (!page) return null;
  const columns = form.fields.filter((f) => !['hidden', 'captcha', 'pagebreak', ...SHOWN_ONLY].includes(f.type)).map((f) => f.alias);
  const files = new Set(form.fields.filter((f) => f.type === 'file').map((f) => f.alias));
  // A file's value is {id}/{name}: a link to download it.
  const cell = (c, v) => {
    const m = files.has(c) && /^([0-9a-f-]{36})\/(.+)$/.exec(v || '');
    return m ? html`<a href=${`${path(form.id)}/files/${m[1]}?name=${encodeURIComponent(m[2])}`}>${m[2]}</a>` : (v || '');
  };
  return html`<section><h2>Results</h2>
    <p><a id="results-csv" href=${`${path(form.id)}/submissions?format=csv`} download>Download CSV</a></p>
    <table id="form-results"><thead><tr><th>When</th><th>Contact</th>${columns.map((c) => html`<th key=${c}>${c}</th>`)}</tr></thead>
      <tbody>${page.submissions.map((s) => html`<tr key=${s.eventId}><td>${s.submittedAt}</td>
        <td>${s.contact ? html`<a href=${`#/contacts/${s.contact}`}>${s.contact}</a>` : '–'}</td>
        ${columns.map((c) => html`<td key=${c}>${cell(c, s.values[c])}</td>`)}</tr>`)}</tbody></table>
    ${before.length > 0 && html`<button type="button" onClick=${() => setBefore(before.slice(0, -1))}>Newer</button>`}
    ${page.next && html`<button type="button" onClick=${() => setBefore([...before, page.next])}>Older</button>`}</section>`;
}

export function FormPage({ session, params }) {
  const isNew = params[0] === 'new';
  const [form, setForm] = useState(isNew ? { id: '', name: '', fields: [{ alias: 'email', label: 'Email', type: 'email', required: true }] } : null);
  const [saved, setSaved] = useState(!isNew);
  const [contactFields, setContactFields] = useState([]);
  const [problems, setProblems] = useState({});
  const [status, setStatus] = useState('');
  const readOnly = !session.mayWrite;
  const [choices] = useDefinitions(['segments', 'emails', 'campaigns', 'point-groups', 'fields']);
  useEffect(() => {
    api('GET', '/api/v1/fields').then((r) => setContactFields(r.fields.filter((f) => f.object !== 'company')), () => {});
    if (!isNew) api('GET', path(params[0])).then(setForm, (e) => setStatus(e.message));
  }, [params[0]]);
  if (!form) return html`<p class="error" role="alert">${status}</p>`;

  const fields = (next) => setForm({ ...form, fields: next });
  const actions = (next) => setForm({ ...form, actions: next.length ? next : undefined });
  const moved = (list, i, by) => {
    const next = [...list];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    return next;
  };
  const save = async (event) => {
    event.preventDefault();
    setProblems({});
    try {
      // _typed: an options or extensions list as typed (blank lines, commas and all), which the list itself does not keep
      await api('PUT', path(form.id), { ...form, fields: form.fields.map(({ _typed, ...f }) => f) });
      setSaved(true);
      setStatus('Saved.');
      if (isNew) location.hash = `#/forms/${form.id}`;
    } catch (e) {
      setProblems(byPointer(e.problems));
      setStatus(e.problems.length ? `${e.message}: see the marked fields` : e.message);
    }
  };
  const prop = (name) => (e) => setForm({ ...form, [name]: e.target.value || undefined });
  return html`<h1>${isNew ? 'New form' : form.name || form.id}</h1>
    <form id="form-builder" class="form" onSubmit=${save}>
      <label for="form-id">Id</label>
      <input id="form-id" value=${form.id} readOnly=${readOnly || !isNew} required onInput=${(e) => setForm({ ...form, id: e.target.value })} />
      <label for="form-name">Name</label>
      <input id="form-name" value=${form.name || ''} readOnly=${readOnly} onInput=${prop('name')} />
      <label for="form-message">Message after a submission</label>
      <input id="form-message" value=${form.message || ''} readOnly=${readOnly} onInput=${prop('message')} />
      <label for="form-redirect">Or go to (URL or path)</label>
      <input id="form-redirect" value=${form.redirectUrl || ''} readOnly=${readOnly} onInput=${prop('redirectUrl')} />
      <label for="form-progressive">Most fields shown to a known contact (empty: all)</label>
      <input id="form-progressive" type="number" min="1" max="100" value=${form.progressiveLimit || ''} readOnly=${readOnly}
        onInput=${(e) => setForm({ ...form, progressiveLimit: e.target.value ? Number(e.target.value) : undefined })} />
      <h2>Fields</h2>
      <table id="form-fields"><thead><tr><th>Alias</th><th>Label</th><th>Type</th><th>Required</th><th>Longest</th><th>Known contacts</th><th>Sets contact field</th><th></th></tr></thead>
        <tbody>${form.fields.map((f, i) => html`<${FieldRow} key=${i} field=${f} i=${i} count=${form.fields.length} contactFields=${contactFields}
          problems=${problems} readOnly=${readOnly} onChange=${(changed) => fields(form.fields.map((x, j) => (j === i ? changed : x)))}
          onMove=${(by) => fields(moved(form.fields, i, by))} onRemove=${() => fields(form.fields.filter((x, j) => j !== i))} />`)}</tbody></table>
      ${!readOnly && html`<button type="button" id="add-field" onClick=${() => fields([...form.fields, { alias: '', type: 'text' }])}>Add field</button>`}
      <h2>Actions</h2>
      <p>What each submission does, in order, without a campaign.</p>
      <ol id="form-actions">${(form.actions || []).map((a, i) => html`<${ActionRow} key=${i} action=${a} i=${i} count=${form.actions.length}
        choices=${choices} problems=${problems} readOnly=${readOnly}
        onChange=${(changed) => actions(form.actions.map((x, j) => (j === i ? changed : x)))}
        onMove=${(by) => actions(moved(form.actions, i, by))} onRemove=${() => actions(form.actions.filter((x, j) => j !== i))} />`)}</ol>
      ${!readOnly && html`<button type="button" id="add-action" onClick=${() => actions([...(form.actions || []), { type: 'segment_add' }])}>Add action</button>`}
      ${problems[''] && html`<p class="error" role="alert">${problems['']}</p>`}
      <p id="form-status" role="status">${status}</p>
      ${!readOnly && html`<button type="submit" id="save-form">Save</button>`}
    </form>
    ${saved && !isNew && html`<${Embed} id=${form.id} /><${Results} form=${form} />`}`;
}
