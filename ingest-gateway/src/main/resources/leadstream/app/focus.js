// Focus items (pop-ups, bars, slide-ins on the customer's site): the list with each item's views and
// conversions, and an item's editor: when it shows, what it offers (a notice, a link, a form), how
// often a visitor sees it and where, and the line the site includes.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import htm from 'htm';
import { usePaged } from './paging.js';
import { saveDefinition, useDefinitions } from './definitions.js';
import { api } from './api.js';

const html = htm.bind(h);
const path = (id) => `/api/v1/focus/${encodeURIComponent(id)}`;
const STYLES = [['modal', 'Pop-up over the page'], ['bar', 'Bar across the top'], ['notification', 'Slide-in at the bottom corner']];
const TRIGGERS = [['load', 'When the page loads'], ['delay', 'Some seconds after the load'], ['scroll', 'When the visitor scrolls down'],
  ['exit', 'When the visitor is about to leave (exit intent)']];
const FREQUENCIES = [['every', 'Every page view'], ['session', 'Once per visit (session)'], ['once', 'Once ever'], ['days', 'Again after some days']];

function Stats({ id }) {
  const [stats, setStats] = useState(null);
  useEffect(() => { api('GET', `${path(id)}/stats`).then(setStats, () => setStats(null)); }, [id]);
  return stats ? html`<span class="focus-stats">${stats.views} views, ${stats.conversions} conversions (${(stats.conversionRate * 100).toFixed(1)}%)</span>` : '';
}

export function FocusList({ session }) {
  const [rows, setRows] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => { api('GET', '/api/v1/focus').then((r) => setRows(r.focus), (e) => setError(e.message)); }, []);
  const [shown, pager] = usePaged(rows, 'focus items');
  return html`<h1>Focus items</h1>
    ${session.mayWrite && html`<p><a href="#/focus/new" id="new-focus">New focus item</a></p>`}
    <p class="error" role="alert">${error}</p>
    ${rows && html`<table id="focus-items"><thead><tr><th>Item</th><th>Style</th><th>Shows</th><th>Published</th><th>Stats</th></tr></thead>
      <tbody>${shown.map((f) => html`<tr key=${f.id}><td><a href=${`#/focus/${f.id}`}>${f.name}</a></td>
        <td>${f.style}</td><td>${f.trigger?.on}</td><td>${f.published === false ? 'no' : 'yes'}</td><td><${Stats} id=${f.id} /></td></tr>`)}</tbody></table>${pager}`}`;
}

/** What the item offers, as the editor's choice: a link, a form, or only its text. */
const offerOf = (item) => (item.form ? 'form' : item.link ? 'link' : 'notice');

export function FocusPage({ session, params }) {
  const isNew = params[0] === 'new';
  const blank = { id: '', name: '', style: 'modal', trigger: { on: 'exit' }, headline: '', frequency: { show: 'session' } };
  const [item, setItem] = useState(isNew ? blank : null);
  const [choices] = useDefinitions(['forms']);
  const [problems, setProblems] = useState({});
  const [status, setStatus] = useState('');
  const readOnly = !session.mayWrite;
  useEffect(() => { if (!isNew) api('GET', path(params[0])).then(setItem, (e) => setStatus(e.message)); }, [params[0]]);
  if (!item) return html`<p class="error" role="alert">${status}</p>`;

  const set = (prop, value) => setItem({ ...item, [prop]: value === '' || value === undefined ? undefined : value });
  const setTrigger = (on) => setItem({ ...item, trigger: { on, ...(on === 'delay' ? { seconds: 5 } : on === 'scroll' ? { percent: 50 } : {}) } });
  const setOffer = (offer) => {
    const { link, form, ...rest } = item;
    setItem({ ...rest, ...(offer === 'link' ? { link: link || { label: '', url: 'https://' } } : {}),
      ...(offer === 'form' ? { form: form || (choices.forms || [])[0]?.id } : {}) });
  };
  const save = (event) => {
    event.preventDefault();
    return saveDefinition('focus', item, isNew, setProblems, setStatus);
  };
  const problem = (pointer) => problems[pointer] && html`<span class="error" role="alert">${problems[pointer]}</span>`;
  const field = (id, label, value, onInput, rest = {}) => html`<label for=${id}>${label}</label>
    <input id=${id} value=${value ?? ''} readOnly=${readOnly} onInput=${(e) => onInput(e.target.value)} ...${rest} />`;
  const select = (id, label, value, options, onChange) => html`<label for=${id}>${label}</label>
    <select id=${id} value=${value} disabled=${readOnly} onChange=${(e) => onChange(e.target.value)}>
      ${options.map(([v, text]) => html`<option key=${v} value=${v}>${text}</option>`)}</select>`;
  const offer = offerOf(item);
  return html`<h1>${isNew ? 'New focus item' : item.name}</h1>
    ${!isNew && html`<p>The site includes: <code id="focus-snippet">${`<script src="${location.origin}/focus/${item.id}.js"></script>`}</code>
      <br /><${Stats} id=${item.id} /></p>`}
    <form id="focus-form" class="form" onSubmit=${save}>
      ${field('focus-id', 'Id', item.id, (v) => set('id', v), { required: true, readOnly: readOnly || !isNew })}${problem('/id')}
      ${field('focus-name', 'Name', item.name, (v) => set('name', v), { required: true })}${problem('/name')}
      <label for="focus-published"><input type="checkbox" id="focus-published" checked=${item.published !== false} disabled=${readOnly}
        onChange=${(e) => setItem({ ...item, published: e.target.checked })} /> Published</label>
      ${select('focus-style', 'Style', item.style, STYLES, (v) => set('style', v))}
      ${select('focus-trigger', 'Shows', item.trigger.on, TRIGGERS, setTrigger)}
      ${item.trigger.on === 'delay' && field('focus-seconds', 'Seconds after the load', item.trigger.seconds,
        (v) => setItem({ ...item, trigger: { on: 'delay', seconds: Number(v) } }), { type: 'number', min: 1, max: 3600 })}
      ${item.trigger.on === 'scroll' && field('focus-percent', 'How far down the page (%)', item.trigger.percent,
        (v) => setItem({ ...item, trigger: { on: 'scroll', percent: Number(v) } }), { type: 'number', min: 1, max: 100 })}
      ${problem('/trigger')}
      ${field('focus-headline', 'Headline', item.headline, (v) => set('headline', v), { required: true })}${problem('/headline')}
      <label for="focus-text">Text</label>
      <textarea id="focus-text" rows="3" value=${item.text ?? ''} readOnly=${readOnly} onInput=${(e) => set('text', e.target.value)} />
      ${select('focus-offer', 'Offers', offer, [['notice', 'Only the text'], ['link', 'A button to a page'], ['form', 'A form']], setOffer)}
      ${offer === 'link' && html`
        ${field('focus-link-label', 'Button label', item.link.label, (v) => set('link', { ...item.link, label: v }), { required: true })}
        ${field('focus-link-url', 'Button leads to', item.link.url, (v) => set('link', { ...item.link, url: v }), { required: true, type: 'url' })}
        ${problem('/link/url')}`}
      ${offer === 'form' && select('focus-form-id', 'Form', item.form || '', (choices.forms || []).map((f) => [f.id, f.name || f.id]), (v) => set('form', v))}
      ${select('focus-frequency', 'How often a visitor sees it', item.frequency?.show || 'session', FREQUENCIES,
        (v) => set('frequency', v === 'days' ? { show: 'days', days: 7 } : { show: v }))}
      ${item.frequency?.show === 'days' && field('focus-days', 'Days', item.frequency.days,
        (v) => set('frequency', { show: 'days', days: Number(v) }), { type: 'number', min: 1, max: 365 })}
      <label for="focus-pages">On pages (one address pattern a line, * for anything; empty: every page)</label>
      <textarea id="focus-pages" rows="3" value=${(item.pages || []).join('\n')} readOnly=${readOnly}
        onInput=${(e) => { const p = e.target.value.split('\n').map((l) => l.trim()).filter(Boolean); set('pages', p.length ? p : undefined); }} />
      ${problem('/pages')}
      ${problems[''] && html`<p class="error" role="alert">${problems['']}</p>`}
      <p id="focus-status" role="status">${status}</p>
      ${!readOnly && html`<button type="submit" id="save-focus">Save</button>`}
    </form>`;
}
