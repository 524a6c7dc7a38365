// The definitions a page's choosers offer (segments, emails, forms...), read once by kind; a kind
// the API refuses (a role, say) offers nothing rather than failing the page.
import { useEffect, useState } from 'preact/hooks';
import { api, byPointer, definitions } from './api.js';

/** {kind: [definitions]} for `kinds`, and a function that reads them again (after one is added). */
export function useDefinitions(kinds) {
  const [choices, setChoices] = useState({});
  const load = () => Promise.all(kinds.map((k) => definitions(k).then((list) => [k, list], () => [k, []])))
    .then((entries) => setChoices(Object.fromEntries(entries)));
  useEffect(() => { load(); }, []);
  return [choices, load];
}

/**
 * Saves a definition (PUT): "Saved." in the status and a new one's page opened at its id; a refusal's
 * problems shown at the inputs their pointers name.
 */
export async function saveDefinition(kind, doc, isNew, setProblems, setStatus) {
  setProblems({});
  try {
    await api('PUT', `/api/v1/${kind}/${encodeURIComponent(doc.id)}`, doc);
    setStatus('Saved.');
    if (isNew) location.hash = `#/${kind}/${doc.id}`;
  } catch (e) {
    setProblems(byPointer(e.problems));
    setStatus(e.problems.length ? `${e.message}: see the marked inputs` : e.message);
  }
}
