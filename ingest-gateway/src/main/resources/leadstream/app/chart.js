// A Chart.js chart (the UMD build the page loads) as a component: drawn into its canvas, drawn
// again when its configuration changes, destroyed with it.
import { h } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import htm from 'htm';

const html = htm.bind(h);

/** A Chart.js chart drawn into a canvas of this component, again when `config` (plain data) changes, not at each render. */
export function Chart({ id, label, config }) {
  const canvas = useRef(null);
  useEffect(() => {
    if (!config) return undefined;
    const chart = new window.Chart(canvas.current, { ...config, options: { animation: false, ...config.options } });
    return () => chart.destroy();
  }, [JSON.stringify(config)]);
  // Chart.js sizes a chart by its parent: the box keeps it readable beside the text (2:1), not a screen of bars.
  return html`<div class="chart"><canvas ref=${canvas} id=${id} aria-label=${label}></canvas></div>`;
}

