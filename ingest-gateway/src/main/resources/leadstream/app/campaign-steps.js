// Building a campaign on the canvas: a step's editor (type, kind and what the kind needs, a
// decision's timeout) to add under an event or a path, the same properties of a step changed in
// place, and the sources (segments and forms).
import { h } from 'preact';
import { useState } from 'preact/hooks';
import htm from 'htm';

const html = htm.bind(h);
export const UNITS = ['minutes', 'hours', 'days', 'months'];
const COMPARE = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'];
const FIELD_OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty', 'like', 'contains', 'starts_with', 'ends_with'];

export const KINDS = {
  action: ['send_email', 'adjust_points', 'tags_add', 'tags_remove', 'segment_add', 'segment_remove', 'update_field',
    'campaign_add', 'campaign_remove', 'dnc_add', 'dnc_remove', 'change_stage', 'add_to_company', 'change_company_score', 'webhook', 'jump'],
  condition: ['field', 'segment', 'tags', 'points', 'dnc', 'valid_email', 'form_field', 'stage', 'company_field'],
  decision: ['email_opened', 'email_clicked', 'page_visited', 'form_submitted', 'asset_downloaded'],
};

/**
 * What each kind asks for: [property, choices (a list, a kind of definition, or 'text' / 'number' / 'tags'), optional].
 * 'fields' offers the contact fields and 'company-fields' the company ones, both from the fields definitions.
 */
const PROPS = {
  send_email: [['email', 'emails']], notify: [['email', 'emails'], ['to', 'tags']], email_opened: [['email', 'emails']], email_clicked: [['email', 'emails'], ['url', 'text', true]],
  adjust_points: [['points', 'number'], ['group', 'point-groups', true]],
  segment_add: [['segment', 'segments']], segment_remove: [['segment', 'segments']], segment: [['segment', 'segments']],
  tags_add: [['tags', 'tags']], tags_remove: [['tags', 'tags']], tags: [['tags', 'tags'], ['match', ['any', 'all'], true]],
  update_field: [['field', 'fields'], ['value', 'text']],
  campaign_add: [['campaign', 'campaigns']], campaign_remove: [['campaign', 'campaigns']],
  change_stage: [['stage', 'stages']], stage: [['stage', 'stages', true]],
  add_to_company: [['company', 'text']], change_company_score: [['points', 'number']],
  company_field: [['field', 'company-fields'], ['operator', FIELD_OPERATORS], ['value', 'text', true]],
  jump: [['to', 'events']], webhook: [['url', 'text']], dnc_add: [['reason', 'text', true]], dnc_remove: [['reason', 'text', true]],
  field: [['field', 'fields'], ['operator', FIELD_OPERATORS], ['value', 'text', true]],
  form_field: [['form', 'forms'], ['field', 'text'], ['operator', FIELD_OPERATORS], ['value', 'text', true]],
  points: [['operator', COMPARE], ['value', 'number'], ['group', 'point-groups', true]],
  page_visited: [['url', 'text']], form_submitted: [['form', 'forms', true]], asset_downloaded: [['asset', 'text', true]],
};

/** The field definitions of one object, for 'fields' (contacts) and 'company-fields'; undefined for other choices. */
function fieldChoices(how, choices) {
  if ((how !== 'fields' && how !== 'company-fields') || !choices.fields) return undefined;
  return choices.fields.filter((f) => (f.object === 'company') === (how === 'company-fields'));
}

function Prop({ id, name, how, optional, value, choices, onChange }) {
  const list = Array.isArray(how) ? how.map((v) => ({ id: v })) : fieldChoices(how, choices) || choices[how];
  if (list) {
    return html`<label for=${id}>${name}</label><select id=${id} value=${value ?? ''} onChange=${(e) => onChange(e.target.value || undefined)}>
      ${(optional || value === undefined) && html`<option value="">${optional ? '(none)' : 'choose…'}</option>`}
      ${list.map((o) => html`<option value=${o.id}>${o.name || o.id}</option>`)}</select>`;
  }
  return html`<label for=${id}>${name}${how === 'tags' ? ' (comma separated)' : ''}</label>
    <input id=${id} type=${how === 'number' ? 'number' : 'text'} value=${Array.isArray(value) ? value.join(', ') : value ?? ''}
      onInput=${(e) => {
        const v = e.target.value;
        onChange(v === '' ? undefined : how === 'number' ? Number(v) : how === 'tags' ? v.split(',').map((t) => t.trim()).filter(Boolean) : v);
      }} />`;
}

/** A decision's wait before its no path. */
function Timeout({ id, timeout, onChange }) {
  return html`<label for=${id}>No path after</label>
    <span><input id=${id} type="number" min="1" value=${timeout.amount} onInput=${(e) => onChange({ ...timeout, amount: Number(e.target.value) })} />
    <select id=${`${id}-unit`} aria-label="Unit" value=${timeout.unit} onChange=${(e) => onChange({ ...timeout, unit: e.target.value })}>
      ${UNITS.map((u) => html`<option value=${u}>${u}</option>`)}</select></span>`;
}

/** What the kind asks for, as inputs named `${prefix}-${property}` (also a form's actions, whose kind is their type). */
export function KindProps({ prefix, step, choices, onChange }) {
  return (PROPS[step.kind] || []).map(([name, how, optional]) => html`<${Prop} key=${`${step.kind}-${name}`} id=${`${prefix}-${name}`}
    name=${name} how=${how} optional=${optional} value=${step[name]} choices=${choices} onChange=${(v) => onChange({ ...step, [name]: v })} />`);
}

/**
 * A step's own properties (and a decision's timeout) changed in place; its id, type and kind stay,
 * as the paths and counts under it hang on them. The API's refusal shows at the step's box.
 */
export function PropsEditor({ event, choices, onSave, onCancel }) {
  const [step, setStep] = useState(event);
  const prefix = `props-${event.id}`;
  const save = (e) => {
    e.preventDefault();
    onSave(Object.fromEntries(Object.entries(step).filter(([, v]) => v !== undefined)));
  };
  return html`<form class="step-editor" id=${`${prefix}-form`} onSubmit=${save}>
    <${KindProps} prefix=${prefix} step=${step} choices=${choices} onChange=${setStep} />
    ${step.type === 'decision' && step.timeout && html`<${Timeout} id=${`${prefix}-timeout`} timeout=${step.timeout} onChange=${(timeout) => setStep({ ...step, timeout })} />`}
    <div><button type="submit" id=${`${prefix}-save`}>Save</button> <button type="button" onClick=${onCancel}>Cancel</button></div>
  </form>`;
}

/**
 * A new step under `parent` (null: a root step) on `path` (under a condition or decision). `choices`:
 * definitions by kind ({emails: [...], ...}) plus `events` (this campaign's) and `fields`.
 */
export function StepEditor({ parent, path, taken, choices, problems, onAdd, onCancel }) {
  const [step, setStep] = useState({ type: 'action', kind: 'send_email' });
  let n = 1;
  while (taken.includes(`step${n}`)) n += 1;
  const [id, setId] = useState(`step${n}`);
  const key = `${parent || 'root'}-${path || 'next'}`;
  const typed = (type) => setStep({ type, kind: KINDS[type][0], ...(type === 'decision' ? { timeout: { amount: 1, unit: 'days' } } : {}) });
  const add = (e) => {
    e.preventDefault();
    const event = Object.fromEntries(Object.entries({ ...step, id, ...(parent ? { parent } : {}), ...(path ? { path } : {}) })
      .filter(([, v]) => v !== undefined));
    onAdd(event);
  };
  return html`<form class="step-editor" id=${`add-${key}`} onSubmit=${add}>
    <label for=${`add-${key}-id`}>Id</label><input id=${`add-${key}-id`} value=${id} required onInput=${(e) => setId(e.target.value)} />
    <label for=${`add-${key}-type`}>Type</label>
    <select id=${`add-${key}-type`} value=${step.type} onChange=${(e) => typed(e.target.value)}>
      ${Object.keys(KINDS).map((t) => html`<option value=${t}>${t}</option>`)}</select>
    <label for=${`add-${key}-kind`}>Kind</label>
    <select id=${`add-${key}-kind`} value=${step.kind} onChange=${(e) => setStep({ type: step.type, kind: e.target.value, timeout: step.timeout })}>
      ${KINDS[step.type].map((k) => html`<option value=${k}>${k}</option>`)}</select>
    <${KindProps} prefix=${`add-${key}`} step=${step} choices=${choices} onChange=${setStep} />
    ${step.type === 'decision' && html`<${Timeout} id=${`add-${key}-timeout`} timeout=${step.timeout} onChange=${(timeout) => setStep({ ...step, timeout })} />`}
    ${problems.length > 0 && html`<p class="error" role="alert" id=${`add-${key}-problems`}>${problems.join('; ')}</p>`}
    <div><button type="submit" id=${`add-${key}-save`}>Add</button> <button type="button" onClick=${onCancel}>Cancel</button></div>
  </form>`;
}

/** Who enters: segments and forms, ticked. */
export function SourcesEditor({ sources, choices, onSave, onCancel }) {
  const [chosen, setChosen] = useState({ segments: sources.segments || [], forms: sources.forms || [] });
  const toggle = (kind, id, on) => setChosen({ ...chosen, [kind]: on ? [...chosen[kind], id] : chosen[kind].filter((x) => x !== id) });
  const save = (e) => {
    e.preventDefault();
    onSave(Object.fromEntries(Object.entries(chosen).filter(([, v]) => v.length)));
  };
  return html`<form id="sources-editor" class="timing" onSubmit=${save}>
    ${['segments', 'forms'].map((kind) => html`<fieldset key=${kind}><legend>${kind}</legend>
      ${(choices[kind] || []).map((d) => html`<label key=${d.id}><input type="checkbox" id=${`source-${kind}-${d.id}`}
        checked=${chosen[kind].includes(d.id)} onChange=${(e) => toggle(kind, d.id, e.target.checked)} />${d.name || d.id}</label>`)}</fieldset>`)}
    <div><button type="submit" id="sources-save">Save sources</button> <button type="button" onClick=${onCancel}>Cancel</button></div>
  </form>`;
}
