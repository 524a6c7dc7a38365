// Landing pages: the list (each with its address and whether it is live), and a page's editor: its
// settings, the HTML with tokens inserted where the cursor is, and a preview as a stranger would be
// served it (the API cleans and renders it; shown in a sandboxed frame, so nothing in it runs); a
// page's A/B settings and its test's figures.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { usePaged } from './paging.js';
import { saveDefinition, useDefinitions } from './definitions.js';
import { api } from './api.js';

const html = htm.bind(h);
const path = (id) => `/api/v1/pages/${encodeURIComponent(id)}`;

/** Whether the page is served now, as the gateway decides it. */
function live(p, now = Date.now()) {
  return p.published !== false && (!p.publishUp || Date.parse(p.publishUp) <= now) && (!p.publishDown || now < Date.parse(p.publishDown));
}

export function PageList({ session }) {
  const [rows, setRows] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => { api('GET', '/api/v1/pages').then((r) => setRows(r.pages), (e) => setError(e.message)); }, []);
  const [shown, pager] = usePaged(rows, 'pages');
  return html`<h1>Landing pages</h1>
    ${session.mayWrite && html`<p><a href="#/pages/new" id="new-page">New landing page</a></p>`}
    <p class="error" role="alert">${error}</p>
    ${rows && html`<table id="pages"><thead><tr><th>Page</th><th>Address</th><th>Language</th><th>Served</th></tr></thead>
      <tbody>${shown.map((p) => html`<tr key=${p.id}><td><a href=${`#/pages/${p.id}`}>${p.title}</a></td>
        <td><a href=${`/${p.alias}`} target="_blank" rel="noopener">/${p.alias}</a>${p.variantOf ? ` (A/B variant of ${p.variantOf}, ${p.weight}%)` : ''}</td>
        <td>${p.language || ''}${p.translationOf ? ` (translates ${p.translationOf})` : ''}</td>
        <td>${live(p) ? 'yes' : 'no'}</td></tr>`)}</tbody></table>${pager}`}`;
}

/** An ISO time as a datetime-local input shows it (local time), and back. */
const toLocal = (iso) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
};
const fromLocal = (value) => (value ? new Date(value).toISOString() : undefined);

function Preview({ page }) {
  const [shown, setShown] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    const t = setTimeout(() => {
      api('POST', '/api/v1/pages/preview', { title: page.title, alias: page.alias, language: page.language || undefined, content: page.content })
        .then((r) => { setShown(r.html); setError(''); }, (e) => setError(e.message));
    }, 400);
    return () => clearTimeout(t);
  }, [page.title, page.alias, page.language, page.content]);
  return html`<section class="preview"><h2>Preview</h2>
    <p>As a stranger is served it: scripts and event attributes removed, contact fields at their defaults.</p>
    <p class="error" role="alert">${error}</p>
    <iframe id="page-preview" title="Page preview" sandbox="" srcdoc=${shown}></iframe></section>`;
}

/** The page's counts, and for an A/B test each variant's, with the leader by the test's criterion. */
function Stats({ id }) {
  const [stats, setStats] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => { api('GET', `${path(id)}/stats`).then(setStats, (e) => setError(e.message)); }, [id]);
  if (!stats) return html`<p class="error" role="alert">${error}</p>`;
  const rows = [stats, ...(stats.variants || [])];
  const criterion = stats.winnerCriterion === 'dwellTime' ? 'the longest average time on the page' : 'the most submissions per view';
  return html`<section id="page-stats"><h2>${stats.variants ? 'A/B test' : 'Visits'}</h2>
    ${stats.variants && html`<p>Leading by ${criterion}: <strong id="page-leader">${stats.leader || 'none yet'}</strong></p>`}
    <table><thead><tr><th>Page</th><th>Visitors</th><th>Views</th><th>Submissions</th><th>Per view</th><th>Timed visits</th><th>Average time</th></tr></thead>
      <tbody>${rows.map((r, i) => html`<tr key=${r.page} class=${r.page === stats.leader ? 'leader' : undefined}>
        <td>${r.page}</td><td>${stats.variants ? (i === 0 ? `${100 - (stats.variants || []).reduce((n, v) => n + (v.weight || 0), 0)}%` : `${r.weight}%`) : ''}</td>
        <td>${r.views}</td><td>${r.submissions}</td><td>${(r.submissionRate * 100).toFixed(1)}%</td>
        <td>${r.dwells}</td><td>${r.averageDwellSeconds} s</td></tr>`)}</tbody></table></section>`;
}

export function PagePage({ session, params }) {
  const isNew = params[0] === 'new';
  const blank = { id: '', title: '', alias: '', published: true, content: '<h1>Title</h1>\n<p>Hello {contactfield=firstname|there}</p>\n' };
  const [page, setPage] = useState(isNew ? blank : null);
  const [choices] = useDefinitions(['forms', 'pages', 'fields']);
  const [problems, setProblems] = useState({});
  const [status, setStatus] = useState('');
  const content = useRef(null);
  const readOnly = !session.mayWrite;
  useEffect(() => { if (!isNew) api('GET', path(params[0])).then(setPage, (e) => setStatus(e.message)); }, [params[0]]);
  if (!page) return html`<p class="error" role="alert">${status}</p>`;

  const set = (prop) => (value) => setPage({ ...page, [prop]: value === '' || value === undefined ? undefined : value });
  const tokens = [
    ...(choices.forms || []).map((f) => [`{form=${f.id}}`, `Form: ${f.name || f.id}`]),
    ...(choices.pages || []).filter((p) => p.id !== page.id).map((p) => [`{pagelink=${p.id}}`, `Link to page: ${p.title}`]),
    ...(choices.fields || []).map((f) => [`{contactfield=${f.id}}`, `Contact field: ${f.label || f.id}`]),
  ];
  const insert = () => {
    const token = document.getElementById('page-token').value;
    const el = content.current;
    const at = el.selectionStart ?? el.value.length;
    setPage({ ...page, content: el.value.slice(0, at) + token + el.value.slice(el.selectionEnd ?? at) });
  };
  const save = (event) => {
    event.preventDefault();
    return saveDefinition('pages', page, isNew, setProblems, setStatus);
  };
  const problem = (pointer) => problems[pointer] && html`<span class="error" role="alert">${problems[pointer]}</span>`;
  const input = (prop, label, rest = {}) => html`<label for=${`page-${prop}`}>${label}</label>
    <input id=${`page-${prop}`} value=${page[prop] ?? ''} readOnly=${readOnly || (prop === 'id' && !isNew)}
      aria-invalid=${problems[`/${prop}`] ? 'true' : undefined} onInput=${(e) => set(prop)(e.target.value)} ...${rest} />${problem(`/${prop}`)}`;
  const originals = (choices.pages || []).filter((p) => p.id !== page.id && !p.translationOf && !p.variantOf);
  return html`<h1>${isNew ? 'New landing page' : page.title}</h1>
    ${!isNew && html`<p><a id="page-address" href=${`/${page.alias}`} target="_blank" rel="noopener">Open /${page.alias}</a></p>`}
    <div class="editor">
      <form id="page-form" class="form" onSubmit=${save}>
        ${input('id', 'Id', { required: true })}
        ${input('title', 'Title', { required: true })}
        ${input('alias', 'Address (/alias: lower-case letters, digits and -)', { required: true, pattern: '[a-z0-9][a-z0-9\\-]{0,63}' })}
        ${input('metaDescription', 'Description (for search engines)')}
        <label for="page-published"><input type="checkbox" id="page-published" checked=${page.published !== false} disabled=${readOnly}
          onChange=${(e) => setPage({ ...page, published: e.target.checked })} /> Published</label>
        <label for="page-publishUp">Served from</label>
        <input type="datetime-local" id="page-publishUp" value=${toLocal(page.publishUp)} readOnly=${readOnly}
          onInput=${(e) => set('publishUp')(fromLocal(e.target.value))} />${problem('/publishUp')}
        <label for="page-publishDown">Served until</label>
        <input type="datetime-local" id="page-publishDown" value=${toLocal(page.publishDown)} readOnly=${readOnly}
          onInput=${(e) => set('publishDown')(fromLocal(e.target.value))} />${problem('/publishDown')}
        ${input('language', 'Language (en, fr, pt-BR)')}
        <label for="page-translationOf">Translation of</label>
        <select id="page-translationOf" value=${page.translationOf || ''} disabled=${readOnly} onChange=${(e) => set('translationOf')(e.target.value)}>
          <option value="">(none: an original page)</option>
          ${originals.map((p) => html`<option key=${p.id} value=${p.id}>${p.title}</option>`)}</select>${problem('/translationOf')}
        <label for="page-variantOf">A/B variant of</label>
        <select id="page-variantOf" value=${page.variantOf || ''} disabled=${readOnly}
          onChange=${(e) => setPage({ ...page, variantOf: e.target.value || undefined, weight: e.target.value ? page.weight ?? 50 : undefined })}>
          <option value="">(none)</option>
          ${originals.map((p) => html`<option key=${p.id} value=${p.id}>${p.title}</option>`)}</select>${problem('/variantOf')}
        ${page.variantOf ? html`<label for="page-weight">Share of the original's visitors (%)</label>
          <input type="number" id="page-weight" min="1" max="99" value=${page.weight ?? ''} readOnly=${readOnly}
            aria-invalid=${problems['/weight'] ? 'true' : undefined}
            onInput=${(e) => set('weight')(e.target.value === '' ? undefined : Number(e.target.value))} />${problem('/weight')}`
          : html`<label for="page-winnerCriterion">A/B test won by</label>
          <select id="page-winnerCriterion" value=${page.winnerCriterion || 'submissions'} disabled=${readOnly}
            onChange=${(e) => set('winnerCriterion')(e.target.value)}>
            <option value="submissions">Form submissions per view</option>
            <option value="dwellTime">Time on the page</option></select>${problem('/winnerCriterion')}`}
        ${!readOnly && html`<div><label for="page-token">Token</label> <select id="page-token">${tokens.map(([t, label]) => html`<option key=${t} value=${t}>${label}</option>`)}</select>
          <button type="button" id="insert-page-token" onMouseDown=${(e) => e.preventDefault()} onClick=${insert}>Insert at cursor</button></div>`}
        <label for="page-content">HTML</label>
        <textarea id="page-content" ref=${content} class="code" rows="16" value=${page.content} readOnly=${readOnly} spellcheck="false"
          aria-invalid=${problems['/content'] ? 'true' : undefined} onInput=${(e) => set('content')(e.target.value)} />${problem('/content')}
        ${problems[''] && html`<p class="error" role="alert">${problems['']}</p>`}
        <p id="page-status" role="status">${status}</p>
        ${!readOnly && html`<button type="submit" id="save-page">Save</button>`}
      </form>
      <${Preview} page=${page} />
    </div>
    ${!isNew && html`<${Stats} id=${page.id} />`}`;
}
