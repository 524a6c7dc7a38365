// Points: groups (scores kept apart from the total), actions (points for what a contact does) and
// triggers (what happens when a score crosses a threshold), each listed with its editor. Saved
// through the API; a refusal shows at the input its pointer names.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { CsvButton } from './csv.js';
import { usePaged } from './paging.js';
import { api, byPointer, definitions } from './api.js';
import { useDefinitions } from './definitions.js';

const html = htm.bind(h);
const ACTION_TYPES = ['page_hit', 'email_open', 'email_click', 'form_submit', 'asset_download'];
const RULES = ['any', 'first_time', 'hits', 'returns_within', 'returns_after'];
const TRIGGER_ACTIONS = { segment_add: 'segment', segment_remove: 'segment', tags_add: 'tags', tags_remove: 'tags',
  send_email: 'email', campaign_add: 'campaign', campaign_remove: 'campaign', change_stage: 'stage', change_company_score: 'points' };

function Choice({ id, label, value, options, empty, problem, onChange, disabled }) {
  return html`<label for=${id}>${label}</label>
    <select id=${id} value=${value ?? ''} disabled=${disabled} aria-invalid=${problem ? 'true' : undefined} onChange=${(e) => onChange(e.target.value || undefined)}>
      ${empty !== undefined && html`<option value="">${empty}</option>`}
      ${options.map((o) => (typeof o === 'string' ? html`<option value=${o}>${o}</option>` : html`<option value=${o.id}>${o.name || o.id}</option>`))}</select>
    ${problem && html`<span class="error" role="alert">${problem}</span>`}`;
}

function Text({ id, label, value, problem, onChange, readOnly, type = 'text' }) {
  return html`<label for=${id}>${label}</label>
    <input id=${id} type=${type} value=${value ?? ''} readOnly=${readOnly} aria-invalid=${problem ? 'true' : undefined}
      onInput=${(e) => onChange(e.target.value === '' ? undefined : type === 'number' ? Number(e.target.value) : e.target.value)} />
    ${problem && html`<span class="error" role="alert">${problem}</span>`}`;
}

/** A definition's editor: `body(doc, set, problems)` draws its inputs; Save PUTs the document `clean(doc)` gives. */
function Editor({ kind, doc: start, isNew, clean = (d) => d, body, onSaved, onCancel }) {
  const [doc, setDoc] = useState(start);
  const [problems, setProblems] = useState({});
  const [status, setStatus] = useState('');
  const set = (prop, value) => setDoc({ ...doc, [prop]: value });
  const save = async (event) => {
    event.preventDefault();
    setProblems({});
    try {
      await api('PUT', `/api/v1/${kind}/${encodeURIComponent(doc.id || '')}`, clean(doc));
      onSaved(`Saved ${doc.id}.`);
    } catch (e) {
      setProblems(byPointer(e.problems));
      setStatus(e.message);
    }
  };
  return html`<form class="form" id=${`${kind}-editor`} onSubmit=${save}>
    <${Text} id=${`${kind}-id`} label="Id" value=${doc.id} readOnly=${!isNew} problem=${problems['/id']} onChange=${(v) => set('id', v)} />
    <${Text} id=${`${kind}-name`} label="Name" value=${doc.name} problem=${problems['/name']} onChange=${(v) => set('name', v)} />
    ${body(doc, set, problems)}
    <p class="error" role="alert">${problems[''] || status}</p>
    <div><button type="submit" id=${`${kind}-save`}>Save</button> <button type="button" onClick=${onCancel}>Cancel</button></div>
  </form>`;
}

function actionBody(choices) {
  return (doc, set, problems) => html`
    <${Choice} id="action-type" label="When the contact" value=${doc.type} options=${ACTION_TYPES} problem=${problems['/type']} onChange=${(v) => set('type', v)} />
    <${Text} id="action-points" label="Points (may be negative)" type="number" value=${doc.points} problem=${problems['/points']} onChange=${(v) => set('points', v)} />
    <${Choice} id="action-group" label="Score" value=${doc.group} empty="the total" options=${choices['point-groups'] || []} problem=${problems['/group']}
      onChange=${(v) => set('group', v)} />
    ${doc.type === 'page_hit' && html`
      <${Text} id="action-url" label="URL (* matches anything)" value=${doc.url} problem=${problems['/url']} onChange=${(v) => set('url', v)} />
      <${Choice} id="action-rule" label="Counts" value=${doc.rule || 'any'} options=${RULES} problem=${problems['/rule']} onChange=${(v) => set('rule', v)} />
      ${doc.rule === 'hits' && html`<${Text} id="action-hits" label="On hit number" type="number" value=${doc.hits} problem=${problems['/hits']}
        onChange=${(v) => set('hits', v)} />`}
      ${(doc.rule === 'returns_within' || doc.rule === 'returns_after') && html`<${Text} id="action-window" label="Window (ISO duration: P7D, PT12H)"
        value=${doc.window} problem=${problems['/window']} onChange=${(v) => set('window', v)} />`}`}
    ${(doc.type === 'email_open' || doc.type === 'email_click') && html`<${Choice} id="action-email" label="Email" value=${doc.email} empty="any"
      options=${choices.emails || []} problem=${problems['/email']} onChange=${(v) => set('email', v)} />`}
    ${doc.type === 'form_submit' && html`<${Choice} id="action-form" label="Form" value=${doc.form} empty="any" options=${choices.forms || []}
      problem=${problems['/form']} onChange=${(v) => set('form', v)} />`}
    ${doc.type === 'asset_download' && html`<${Text} id="action-asset" label="Asset id (empty: any)" value=${doc.asset} problem=${problems['/asset']}
      onChange=${(v) => set('asset', v)} />`}
    <label><input type="checkbox" id="action-repeatable" checked=${!!doc.repeatable} onChange=${(e) => set('repeatable', e.target.checked)} />
      Every time (else once per contact)</label>
    <label><input type="checkbox" id="action-enabled" checked=${doc.enabled !== false} onChange=${(e) => set('enabled', e.target.checked)} /> Enabled</label>`;
}

/** Only what the action's type uses: the schema refuses a page's URL rules on an email open. */
function cleanAction(doc) {
  const keep = { page_hit: ['url', 'rule', 'hits', 'window'], email_open: ['email'], email_click: ['email'], form_submit: ['form'], asset_download: ['asset'] }[doc.type] || [];
  const rule = doc.rule || 'any';
  return Object.fromEntries(Object.entries(doc).filter(([k, v]) => v !== undefined
    && (!['url', 'rule', 'hits', 'window', 'email', 'form', 'asset'].includes(k) || keep.includes(k))
    && !(k === 'hits' && rule !== 'hits') && !(k === 'window' && !rule.startsWith('returns_'))));
}

function triggerBody(choices) {
  const targets = { segment: choices.segments || [], email: choices.emails || [], campaign: choices.campaigns || [], stage: choices.stages || [] };
  return (doc, set, problems) => {
    const actions = doc.actions || [];
    const setAction = (i, a) => set('actions', actions.map((x, j) => (j === i ? a : x)));
    return html`
      <${Text} id="trigger-threshold" label="When the score reaches" type="number" value=${doc.threshold} problem=${problems['/threshold']}
        onChange=${(v) => set('threshold', v)} />
      <${Choice} id="trigger-group" label="Score" value=${doc.group} empty="the total" options=${choices['point-groups'] || []}
        problem=${problems['/group']} onChange=${(v) => set('group', v)} />
      <${Choice} id="trigger-rearm" label="Again" value=${doc.rearm || 'never'} options=${['never', 'below']} onChange=${(v) => set('rearm', v)} />
      <fieldset><legend>Then</legend>${actions.map((a, i) => {
        const target = TRIGGER_ACTIONS[a.type];
        return html`<div class="filter" key=${i}>
          <${Choice} id=${`trigger-action-${i}-type`} label="Do" value=${a.type} options=${Object.keys(TRIGGER_ACTIONS)}
            onChange=${(t) => setAction(i, { type: t })} />
          ${target === 'tags'
            ? html`<${Text} id=${`trigger-action-${i}-tags`} label="Tags (comma separated)" value=${(a.tags || []).join(', ')}
                problem=${problems[`/actions/${i}/tags`]} onChange=${(v) => setAction(i, { ...a, tags: (v || '').split(',').map((t) => t.trim()).filter(Boolean) })} />`
            : target === 'points'
            ? html`<${Text} id=${`trigger-action-${i}-points`} label="Points to its companies" type="number" value=${a.points}
                problem=${problems[`/actions/${i}/points`] || problems[`/actions/${i}`]} onChange=${(v) => setAction(i, { ...a, points: v })} />`
            : html`<${Choice} id=${`trigger-action-${i}-target`} label=${target} value=${a[target]} empty="choose…" options=${targets[target]}
                problem=${problems[`/actions/${i}/${target}`] || problems[`/actions/${i}`]} onChange=${(v) => setAction(i, { ...a, [target]: v })} />`}
          <button type="button" onClick=${() => set('actions', actions.filter((x, j) => j !== i))}>Remove</button></div>`;
      })}
      <button type="button" id="trigger-add-action" onClick=${() => set('actions', [...actions, { type: 'tags_add', tags: [] }])}>Add an action</button>
      ${problems['/actions'] && html`<span class="error" role="alert">${problems['/actions']}</span>`}</fieldset>
      <label><input type="checkbox" id="trigger-enabled" checked=${doc.enabled !== false} onChange=${(e) => set('enabled', e.target.checked)} /> Enabled</label>`;
  };
}

function groupBody(doc, set, problems) {
  return html`<${Text} id="group-description" label="Description" value=${doc.description} problem=${problems['/description']}
    onChange=${(v) => set('description', v)} />`;
}

const describe = {
  'point-groups': (d) => d.description || '',
  'point-actions': (d) => `${d.points > 0 ? '+' : ''}${d.points} on ${d.type}${d.url ? ` ${d.url}` : ''}${d.rule && d.rule !== 'any' ? ` (${d.rule})` : ''}`
    + `${d.group ? ` to ${d.group}` : ''}${d.repeatable ? ', every time' : ', once'}`,
  'point-triggers': (d) => `at ${d.threshold}${d.group ? ` in ${d.group}` : ''}: ${(d.actions || []).map((a) => `${a.type} ${a.tags ? a.tags.join(', ')
    : a.segment || a.email || a.campaign || ''}`).join('; ')}`,
};

function Section({ kind, title, blank, body, clean, mayWrite, onChanged }) {
  const [items, setItems] = useState(null);
  const [editing, setEditing] = useState(null);
  const [status, setStatus] = useState('');
  const load = () => definitions(kind).then(setItems, (e) => setStatus(e.message));
  useEffect(() => { load(); }, []);
  const remove = async (id) => {
    try {
      await api('DELETE', `/api/v1/${kind}/${encodeURIComponent(id)}`);
      setStatus(`Deleted ${id}.`);
      load();
      onChanged();
    } catch (e) {
      setStatus(e.message);
    }
  };
  const [shown, pager] = usePaged(items, kind);
  return html`<section><h2>${title}</h2>
    <table id=${kind}><tbody>${shown.map((d) => html`<tr key=${d.id}><td>${d.name || d.id}</td><td>${describe[kind](d)}</td>
      <td>${d.enabled === false ? 'disabled' : ''}</td>
      <td>${mayWrite && html`<button type="button" id=${`edit-${kind}-${d.id}`} onClick=${() => setEditing({ doc: d, isNew: false })}>Edit</button>
        <button type="button" onClick=${() => remove(d.id)}>Delete</button>`}</td></tr>`)}</tbody></table>
    ${pager}<${CsvButton} table=${kind} />
    <p role="status" id=${`${kind}-status`}>${status}</p>
    ${mayWrite && !editing && html`<button type="button" id=${`new-${kind}`} onClick=${() => setEditing({ doc: blank, isNew: true })}>New</button>`}
    ${editing && html`<${Editor} kind=${kind} doc=${editing.doc} isNew=${editing.isNew} body=${body} clean=${clean}
      onCancel=${() => setEditing(null)} onSaved=${(msg) => { setEditing(null); setStatus(msg); load(); onChanged(); }} />`}
  </section>`;
}

export function PointsPage({ session }) {
  const [choices, reload] = useDefinitions(['point-groups', 'segments', 'emails', 'forms', 'campaigns', 'stages']);
  const common = { mayWrite: session.mayWrite, onChanged: reload };
  return html`<h1>Points</h1>
    <${Section} kind="point-groups" title="Groups" blank=${{ id: '', name: '' }} body=${groupBody} ...${common} />
    <${Section} kind="point-actions" title="Actions" blank=${{ id: '', name: '', type: 'page_hit', points: 5, url: '' }}
      body=${actionBody(choices)} clean=${cleanAction} ...${common} />
    <${Section} kind="point-triggers" title="Triggers" blank=${{ id: '', name: '', threshold: 50, actions: [{ type: 'tags_add', tags: [] }] }}
      body=${triggerBody(choices)} ...${common} />`;
}
