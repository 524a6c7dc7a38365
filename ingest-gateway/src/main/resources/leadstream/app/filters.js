// A segment's filters as Mautic users know them: a list, each with its glue (AND binds before OR),
// each kind with the inputs its schema asks for. The list is the definition's own array, edited in place.
import { h } from 'preact';
import htm from 'htm';

const html = htm.bind(h);

const COMPARE = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'];
const FIELD_OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty', 'like', 'not_like', 'in', 'not_in',
  'regexp', 'not_regexp', 'starts_with', 'ends_with', 'contains', 'between'];
const LISTS = ['in', 'not_in', 'between'];

/** A new filter of each kind, with the properties its schema requires. */
export const KINDS = {
  field: () => ({ kind: 'field', field: 'email', operator: 'not_empty' }),
  behavior: () => ({ kind: 'behavior', behavior: 'page_hit', operator: 'gte', count: 1 }),
  last_active: () => ({ kind: 'last_active', operator: 'gte', date: '-30 days' }),
  points: () => ({ kind: 'points', operator: 'gte', value: 10 }),
  tags: () => ({ kind: 'tags', operator: 'any', tags: [] }),
  dnc: () => ({ kind: 'dnc', operator: 'is_not' }),
  segment: () => ({ kind: 'segment', operator: 'member', segment: '' }),
};

/** Each input of a filter: its property, label and kind of value. */
function inputs(f, fields, segments) {
  switch (f.kind) {
    case 'field': return [
      ['field', 'Field', { options: fields }], ['operator', 'Operator', { options: FIELD_OPERATORS }],
      ...(f.operator === 'empty' || f.operator === 'not_empty' ? [] : [['value', LISTS.includes(f.operator) ? 'Values (comma-separated)' : 'Value',
        { list: LISTS.includes(f.operator) }]])];
    case 'behavior': return [
      ['behavior', 'Behaviour', { options: ['page_hit', 'email_open', 'email_click', 'form_submit', 'asset_download', 'any_event'] }],
      ...(f.behavior === 'page_hit' ? [['url', 'URL (* matches anything)', {}]] : []),
      ...(['email_open', 'email_click'].includes(f.behavior) ? [['email', 'Email id', {}]] : []),
      ...(f.behavior === 'form_submit' ? [['form', 'Form id', {}]] : []),
      ...(f.behavior === 'asset_download' ? [['asset', 'Asset id', {}]] : []),
      ['operator', 'Times', { options: COMPARE }], ['count', 'Count', { number: true }], ['within', 'Within (ISO duration, e.g. P30D)', {}]];
    case 'last_active': return [['operator', 'Last active', { options: COMPARE }], ['date', 'Date (-30 days, today, 2026-01-31)', {}]];
    case 'points': return [['group', 'Point group (empty: total)', {}], ['operator', 'Operator', { options: COMPARE }],
      ['value', 'Points', { number: true }]];
    case 'tags': return [['operator', 'Tags', { options: ['any', 'all', 'none'] }], ['tags', 'Tags (comma-separated)', { list: true }]];
    case 'dnc': return [['operator', 'Do not contact (email)', { options: ['is', 'is_not'] }]];
    case 'segment': return [['operator', 'Membership', { options: ['member', 'not_member'] }],
      ['segment', 'Segment', { options: segments }]];
    default: return [];
  }
}

function read(value, how) {
  if (how.list) return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  if (how.number) return value === '' ? undefined : Number(value);
  return value === '' ? undefined : value;
}

/**
 * The builder. {@code problems}: the API's refusal, pointer -> reason, shown at the input it names
 * (/filters/2/value at the third filter's value).
 */
export function FilterBuilder({ filters, onChange, fields, segments, problems, readOnly }) {
  const set = (i, next) => onChange(filters.map((f, j) => (j === i ? next : f)));
  const setProp = (i, prop, value) => {
    const next = { ...filters[i], [prop]: value };
    if (value === undefined) delete next[prop];
    if (prop === 'operator' && (value === 'empty' || value === 'not_empty')) delete next.value;
    set(i, next);
  };
  const problemAt = (pointer) => problems[pointer];
  return html`<ol id="filters" class="filters">${filters.map((f, i) => html`<li key=${i} class="filter" data-index=${i}>
      ${i > 0 && html`<label>Glue <select name="glue" disabled=${readOnly} value=${f.glue || 'and'}
        onChange=${(e) => setProp(i, 'glue', e.target.value)}><option value="and">and</option><option value="or">or</option></select></label>`}
      <label>Kind <select name="kind" disabled=${readOnly} value=${f.kind}
        onChange=${(e) => set(i, { ...KINDS[e.target.value](), ...(f.glue ? { glue: f.glue } : {}) })}>
        ${Object.keys(KINDS).map((k) => html`<option value=${k}>${k}</option>`)}</select></label>
      ${inputs(f, fields, segments).map(([prop, label, how]) => {
        const pointer = `/filters/${i}/${prop}`;
        const value = Array.isArray(f[prop]) ? f[prop].join(', ') : (f[prop] ?? '');
        const id = `filter-${i}-${prop}`;
        const control = how.options
          ? html`<select id=${id} name=${prop} disabled=${readOnly} value=${value} aria-invalid=${!!problemAt(pointer)}
              onChange=${(e) => setProp(i, prop, e.target.value)}>
              ${!how.options.includes(value) && html`<option value=${value}>${value || '(choose)'}</option>`}
              ${how.options.map((o) => html`<option value=${o}>${o}</option>`)}</select>`
          : html`<input id=${id} name=${prop} readOnly=${readOnly} value=${value} type=${how.number ? 'number' : 'text'}
              aria-invalid=${!!problemAt(pointer)} onChange=${(e) => setProp(i, prop, read(e.target.value, how))} />`;
        return html`<span class="input"><label for=${id}>${label}</label>${control}
          ${problemAt(pointer) && html`<span class="error" id=${`${id}-problem`} role="alert">${problemAt(pointer)}</span>`}</span>`;
      })}
      ${problemAt(`/filters/${i}`) && html`<span class="error" role="alert">${problemAt(`/filters/${i}`)}</span>`}
      ${!readOnly && html`<button type="button" aria-label=${`Remove filter ${i + 1}`}
        onClick=${() => onChange(filters.filter((_, j) => j !== i))}>Remove</button>`}
    </li>`)}</ol>
    ${!readOnly && html`<button type="button" id="add-filter" onClick=${() => onChange([...filters, filters.length ? { ...KINDS.field(), glue: 'and' } : KINDS.field()])}>Add a filter</button>`}`;
}
