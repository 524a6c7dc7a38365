// A campaign drawn as its tree: root events side by side, what follows an action under it, and the
// yes and no paths of a condition or decision in two columns. Each event shows what it does, when
// it runs (timing, send window, a decision's timeout), its live counts, and a dry run's when one
// has run. Writers build it here: steps added under any event or path, deleted, their properties,
// timing and window edited in place, and the sources chosen.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import htm from 'htm';
import { PropsEditor, SourcesEditor, StepEditor, UNITS } from './campaign-steps.js';

const html = htm.bind(h);
const OWN = new Set(['id', 'name', 'type', 'kind', 'parent', 'path', 'timing', 'window', 'timeout']);
const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

/** What the event is about: its kind's own properties (email, points, segment, tags, url...). */
function about(event) {
  return Object.entries(event).filter(([k]) => !OWN.has(k))
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : v}`).join(' · ');
}

export function timingText(timing) {
  if (!timing || timing.mode === 'immediate') return 'immediately';
  return timing.mode === 'interval' ? `after ${timing.amount} ${timing.unit}` : `at ${timing.at}`;
}

export function windowText(window) {
  if (!window) return '';
  const hours = `${window.from || '00:00'}–${window.to || '24:00'}`;
  return `${hours}${window.days ? ` ${window.days.join(' ')}` : ' every day'}`;
}

function counts(outcomes) {
  return Object.entries(outcomes || {}).map(([o, n]) => `${o.toLowerCase()} ${n}`).join(' · ');
}

/** Timing and send window of one event, as a small form; decisions have neither (they wait for the contact). */
function TimingEditor({ event, onSave, onCancel }) {
  const [timing, setTiming] = useState(event.timing || { mode: 'immediate' });
  const [window, setWindow] = useState(event.window || null);
  const id = (part) => `edit-${event.id}-${part}`;
  const mode = (m) => setTiming(m === 'interval' ? { mode: m, amount: 1, unit: 'days' } : m === 'date' ? { mode: m, at: '' } : { mode: m });
  const day = (d, on) => {
    const days = new Set((window && window.days) || []);
    if (on) days.add(d); else days.delete(d);
    setWindow({ ...window, days: DAYS.filter((x) => days.has(x)) });
  };
  const save = (e) => {
    e.preventDefault();
    const w = window && Object.fromEntries(Object.entries(window).filter(([, v]) => v && (!Array.isArray(v) || v.length)));
    onSave({ ...event, timing, window: w && Object.keys(w).length ? w : undefined });
  };
  return html`<form class="timing" id=${id('form')} onSubmit=${save}>
    <label for=${id('mode')}>Runs</label>
    <select id=${id('mode')} value=${timing.mode} onChange=${(e) => mode(e.target.value)}>
      <option value="immediate">immediately</option><option value="interval">after a wait</option><option value="date">at a date</option></select>
    ${timing.mode === 'interval' && html`<input id=${id('amount')} type="number" min="1" value=${timing.amount} aria-label="Wait"
      onInput=${(e) => setTiming({ ...timing, amount: Number(e.target.value) })} />
      <select id=${id('unit')} value=${timing.unit} aria-label="Unit" onChange=${(e) => setTiming({ ...timing, unit: e.target.value })}>
        ${UNITS.map((u) => html`<option value=${u}>${u}</option>`)}</select>`}
    ${timing.mode === 'date' && html`<input id=${id('at')} type="datetime-local" aria-label="Date (UTC)" value=${timing.at.slice(0, 16)}
      onInput=${(e) => setTiming({ ...timing, at: e.target.value ? `${e.target.value}:00Z` : '' })} />`}
    <fieldset><legend>Send window</legend>
      <label for=${id('from')}>From</label> <input id=${id('from')} type="time" value=${(window && window.from) || ''}
        onInput=${(e) => setWindow({ ...window, from: e.target.value })} />
      <label for=${id('to')}>to</label> <input id=${id('to')} type="time" value=${(window && window.to) || ''}
        onInput=${(e) => setWindow({ ...window, to: e.target.value })} />
      ${DAYS.map((d) => html`<label key=${d}><input type="checkbox" id=${id(d)} checked=${!!(window && window.days && window.days.includes(d))}
        onChange=${(e) => day(d, e.target.checked)} />${d}</label>`)}
    </fieldset>
    <button type="submit" id=${id('save')}>Save</button> <button type="button" onClick=${onCancel}>Cancel</button>
  </form>`;
}

/** Where a step may be added: under `parent` (null: at the root) on `path`; its editor when open. */
function AddHere({ parent, path, label, ctx }) {
  const key = `${parent || ''}|${path || ''}`;
  if (ctx.readOnly) return null;
  if (ctx.adding !== key) {
    return html`<button type="button" class="add" id=${`add-${parent || 'root'}-${path || 'next'}-open`} onClick=${() => ctx.setAdding(key)}>${label}</button>`;
  }
  return html`<${StepEditor} parent=${parent} path=${path} taken=${ctx.ids} choices=${ctx.choices} problems=${ctx.addProblems}
    onCancel=${() => ctx.setAdding(null)} onAdd=${ctx.onAdd} />`;
}

function Node({ event, ctx }) {
  const [editing, setEditing] = useState(false);
  const [props, setProps] = useState(false);
  const at = `/events/${ctx.index.get(event.id)}`;
  const problem = Object.entries(ctx.problems).filter(([p]) => p === at || p.startsWith(`${at}/`)).map(([, r]) => r).join('; ');
  const { dry, live } = ctx;
  const sends = dry ? dry.sends.filter((s) => s.event === event.id).length : 0;
  return html`<li class=${`node ${event.type}`}>
    <div class="box" id=${`event-${event.id}`} aria-invalid=${problem ? 'true' : undefined}>
      <strong>${event.name || event.id}</strong> <small>${event.type} · ${event.kind}</small>
      <div class="about">${about(event)}</div>
      ${event.type !== 'decision' && html`<div class="when">${timingText(event.timing)}${event.window ? `, in ${windowText(event.window)}` : ''}</div>`}
      ${event.timeout && html`<div class="when">no path after ${event.timeout.amount} ${event.timeout.unit}</div>`}
      <div class="live" id=${`live-${event.id}`}>${counts(live[event.id]) || 'not reached yet'}</div>
      ${dry && html`<div class="dry" id=${`dry-${event.id}`}>dry run: ${counts(dry.stats[event.id]) || 'not reached'}${sends ? ` · would send ${sends}` : ''}</div>`}
      ${problem && html`<div class="error" role="alert">${problem}</div>`}
      ${!ctx.readOnly && event.type !== 'decision' && !editing && html`<button type="button" id=${`edit-${event.id}`} onClick=${() => setEditing(true)}>Timing…</button>`}
      ${!ctx.readOnly && !props && html` <button type="button" id=${`props-${event.id}`} onClick=${() => setProps(true)}>Properties…</button>`}
      ${!ctx.readOnly && html` <button type="button" id=${`delete-${event.id}`} onClick=${() => ctx.onDelete(event.id)}>Delete</button>`}
      ${props && html`<${PropsEditor} event=${event} choices=${ctx.choices} onCancel=${() => setProps(false)}
        onSave=${(changed) => { setProps(false); ctx.onEdit(changed); }} />`}
      ${editing && html`<${TimingEditor} event=${event} onCancel=${() => setEditing(false)}
        onSave=${(changed) => { setEditing(false); ctx.onEdit(changed); }} />`}
    </div>
    <${Branches} event=${event} ctx=${ctx} />
  </li>`;
}

function Branches({ event, ctx }) {
  if (event.type === 'action') {
    const next = ctx.tree.get(`${event.id}|`) || [];
    return html`<div class="after">${next.length > 0 && html`<ul class="row">${next.map((e) => html`<${Node} key=${e.id} event=${e} ctx=${ctx} />`)}</ul>`}
      <${AddHere} parent=${event.id} label="Add after" ctx=${ctx} /></div>`;
  }
  return html`<div class="paths">${['yes', 'no'].map((path) => html`<div class=${`path ${path}`} id=${`${event.id}-${path}`}>
    <span class="label">${path}</span>
    <ul class="row">${(ctx.tree.get(`${event.id}|${path}`) || []).map((e) => html`<${Node} key=${e.id} event=${e} ctx=${ctx} />`)}</ul>
    <${AddHere} parent=${event.id} path=${path} label=${`Add on ${path}`} ctx=${ctx} />
  </div>`)}</div>`;
}

/**
 * The tree of `campaign.events`; `live` and `dry` are outcome counts by event id (dry also has the
 * sends). Writers add a step under any event or path (`onAdd` answers the API's problems, empty
 * when saved), delete one with what hangs under it, and change the sources.
 */
export function Canvas({ campaign, live, dry, problems, readOnly, choices, onEdit, onAdd, onDelete, onSources }) {
  const [adding, setAdding] = useState(null);
  const [addProblems, setAddProblems] = useState([]);
  const [sources, setSources] = useState(false);
  const tree = new Map();
  const index = new Map();
  campaign.events.forEach((e, i) => {
    index.set(e.id, i);
    const key = e.parent ? `${e.parent}|${e.path || ''}` : '|';
    tree.set(key, [...(tree.get(key) || []), e]);
  });
  const ids = campaign.events.map((e) => e.id);
  const ctx = { tree, index, live, dry, problems, readOnly, onEdit, onDelete, adding, addProblems, ids,
    choices: { ...choices, events: ids.map((id) => ({ id })) },
    setAdding: (key) => { setAdding(key); setAddProblems([]); },
    onAdd: async (event) => {
      const refused = await onAdd(event);
      if (refused.length) setAddProblems(refused); else setAdding(null);
    } };
  return html`<div class="canvas" id="campaign-canvas">
    <div class="sources" id="campaign-sources">Contacts enter from
      ${(campaign.sources.segments || []).map((s) => html` <a href=${`#/segments/${s}`} class="source">segment ${s}</a>`)}
      ${(campaign.sources.forms || []).map((f) => html` <a href=${`#/forms/${f}`} class="source">form ${f}</a>`)}
      ${!readOnly && !sources && html` <button type="button" id="change-sources" onClick=${() => setSources(true)}>Change sources</button>`}</div>
    ${sources && html`<${SourcesEditor} sources=${campaign.sources} choices=${choices} onCancel=${() => setSources(false)}
      onSave=${(chosen) => { setSources(false); onSources(chosen); }} />`}
    <ul class="row">${(tree.get('|') || []).map((e) => html`<${Node} key=${e.id} event=${e} ctx=${ctx} />`)}</ul>
    <${AddHere} parent=${null} label="Add a first step" ctx=${ctx} />
  </div>`;
}
