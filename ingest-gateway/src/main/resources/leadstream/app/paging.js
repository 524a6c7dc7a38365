// Lists the API answers whole (definitions, imports) shown a page at a time, with Newer / Older
// style buttons like the server-paged lists.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import htm from 'htm';

const html = htm.bind(h);
export const PAGE_SIZE = 25;

/** The items of the current page, and the buttons that move between pages (nothing when one page holds all). */
export function usePaged(items, id, size = PAGE_SIZE) {
  const [page, setPage] = useState(0);
  const all = items || [];
  const pages = Math.max(1, Math.ceil(all.length / size));
  const at = Math.min(page, pages - 1);
  const pager = pages === 1 ? null : html`<p class="pager" id=${`${id}-pager`}>
    <button type="button" disabled=${at === 0} onClick=${() => setPage(at - 1)}>Previous</button>
    <span> page ${at + 1} of ${pages} (${all.length}) </span>
    <button type="button" disabled=${at === pages - 1} onClick=${() => setPage(at + 1)}>Next</button></p>`;
  return [all.slice(at * size, (at + 1) * size), pager];
}
