// CSV export of any of the app's tables: what the table shows (header and cells as text), written
// by Papa Parse and downloaded as a file.
import { h } from 'preact';
import htm from 'htm';

const html = htm.bind(h);

export function tableCsv(table) {
  const text = (cell) => cell.innerText.trim();
  const header = [...table.querySelectorAll('thead th')].map(text);
  const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map(text));
  return window.Papa.unparse(header.length ? { fields: header, data: rows } : rows);
}

/** A button that downloads the table with id `table` as `<name>.csv`. */
export function CsvButton({ table, name }) {
  const download = () => {
    const found = document.getElementById(table);
    if (!found) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([tableCsv(found)], { type: 'text/csv' }));
    link.download = `${name || table}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return html`<button type="button" class="csv" id=${`${table}-csv`} onClick=${download}>Export CSV</button>`;
}
