// The definitions a page's choosers offer (segments, emails, forms...), read once by kind; a kind
// the API refuses (a role, say) offers nothing rather than failing the page.
import { useEffect, useState } from 'preact/hooks';
import { definitions } from './api.js';

/** {kind: [definitions]} for `kinds`, and a function that reads them again (after one is added). */
export function useDefinitions(kinds) {
  const [choices, setChoices] = useState({});
  const load = () => Promise.all(kinds.map((k) => definitions(k).then((list) => [k, list], () => [k, []])))
    .then((entries) => setChoices(Object.fromEntries(entries)));
  useEffect(() => { load(); }, []);
  return [choices, load];
}
