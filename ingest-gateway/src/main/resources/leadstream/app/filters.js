// A segment's filters as Mautic users know them: a list, each with its glue (AND binds before OR),
// each kind with the inputs its schema asks for, and groups (parentheses) holding lists of their own,
// nested up to 4 deep. The list is the definition's own array, edited in place.
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
  company_field: () => ({ kind: 'company_field', field: 'companyname', operator: 'not_empty' }),
  behavior: () => ({ kind: 'behavior', behavior: 'page_hit', operator: 'gte', count: 1 }),
  last_active: () => ({ kind: 'last_active', operator: 'gte', date: '-30 days' }),
  points: () => ({ kind: 'points', operator: 'gte', value: 10 }),
  tags: () => ({ kind: 'tags', operator: 'any', tags: [] }),
  dnc: () => ({ kind: 'dnc', operator: 'is_not' }),
  segment: () => ({ kind: 'segment', operator: 'member', segment: '' }),
  stage: () => ({ kind: 'stage', operator: 'eq', stage: '' }),
  group: () => ({ kind: 'group', filters: [KINDS.field()] }),
};
const MAX_DEPTH = 4;

/** Each input of a filter: its property, label and kind of value. */
function inputs(f, fields, segments, stages, companyFields) {
  switch (f.kind) {
    case 'field':
    case 'company_field': return [
      ['field', f.kind === 'field' ? 'Field' : 'Company field', { options: f.kind === 'field' ? fields : companyFields }],
      ['operator', 'Operator', { options: FIELD_OPERATORS }],
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
    case 'stage': return [['operator', 'Stage', { options: ['eq', 'neq', 'empty', 'not_empty'] }],
      ...(f.operator === 'empty' || f.operator === 'not_empty' ? [] : [['stage', 'Stage', { options: stages }]])];
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
 * (/filters/2/value at the third filter's value; /filters/1/filters/0/value inside a group).
 * {@code base} is this list's pointer, {@code ids} the prefix of its inputs' ids and {@code where} its
 * place in words ("2." inside the second filter's group): a group's list is this same builder one level down.
 */
export function FilterBuilder({ filters, onChange, fields, segments, stages = [], companyFields = [], problems, readOnly, base = '/filters', ids = 'filter-', depth = 0, where = '' }) {
  const set = (i, next) => onChange(filters.map((f, j) => (j === i ? next : f)));
  const setProp = (i, prop, value) => {
    const next = { ...filters[i], [prop]: value };
    if (value === undefined) delete next[prop];
    if (prop === 'operator' && (value === 'empty' || value === 'not_empty')) {
      delete next.value;
      delete next.stage;
    }
    set(i, next);
  };
  const kinds = Object.keys(KINDS).filter((k) => k !== 'group' || depth < MAX_DEPTH);
  const problemAt = (pointer) => problems[pointer];
  const addId = depth === 0 ? 'add-filter' : `add-${ids.slice(0, -1)}`;
  return html`<ol id=${depth === 0 ? 'filters' : `${ids}filters`} class=${depth === 0 ? 'filters' : 'filters group'}>${filters.map((f, i) => html`<li key=${i} class="filter" data-index=${i}>
      ${i > 0 && html`<label>Glue <select name="glue" id=${`${ids}${i}-glue`} disabled=${readOnly} value=${f.glue || 'and'}
        onChange=${(e) => setProp(i, 'glue', e.target.value)}><option value="and">and</option><option value="or">or</option></select></label>`}
      <label>Kind <select name="kind" id=${`${ids}${i}-kind`} disabled=${readOnly} value=${f.kind}
        onChange=${(e) => set(i, { ...KINDS[e.target.value](), ...(f.glue ? { glue: f.glue } : {}) })}>
        ${kinds.map((k) => html`<option value=${k}>${k === 'group' ? 'group ( … )' : k}</option>`)}</select></label>
      ${f.kind === 'group'
        ? html`<${FilterBuilder} filters=${f.filters || []} fields=${fields} segments=${segments} stages=${stages} companyFields=${companyFields} problems=${problems}
            readOnly=${readOnly} base=${`${base}/${i}/filters`} ids=${`${ids}${i}-`} depth=${depth + 1} where=${`${where}${i + 1}.`}
            onChange=${(children) => set(i, { ...f, filters: children })} />`
        : inputs(f, fields, segments, stages, companyFields).map(([prop, label, how]) => {
        const pointer = `${base}/${i}/${prop}`;
        const value = Array.isArray(f[prop]) ? f[prop].join(', ') : (f[prop] ?? '');
        const id = `${ids}${i}-${prop}`;
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
      ${problemAt(`${base}/${i}`) && html`<span class="error" role="alert">${problemAt(`${base}/${i}`)}</span>`}
      ${!readOnly && html`<button type="button" aria-label=${`Remove filter ${where}${i + 1}`}
        onClick=${() => onChange(filters.filter((_, j) => j !== i))}>Remove</button>`}
    </li>`)}</ol>
    ${!readOnly && html`<button type="button" id=${addId} onClick=${() => onChange([...filters, filters.length ? { ...KINDS.field(), glue: 'and' } : KINDS.field()])}>
      ${depth === 0 ? 'Add a filter' : 'Add a filter to this group'}</button>`}`;
}
