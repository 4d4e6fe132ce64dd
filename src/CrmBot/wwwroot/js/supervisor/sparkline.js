// A small SVG line of the last customer messages' sentiment (-1 at the bottom, +1 at the top), with the alert
// threshold as a dashed line. Built with DOM calls; only numbers go in.

const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

export function sparkline(scores, threshold, { width = 110, height = 28 } = {}) {
  const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'sparkline', role: 'img' });
  const points = scores || [];
  const summary = points.length === 0 ? 'No customer messages scored yet'
    : `Sentiment of the last ${points.length} customer messages: ${points.map(p => p.toFixed(2)).join(', ')}`;
  svg.setAttribute('aria-label', summary);
  const title = el('title', {});
  title.textContent = summary;
  svg.append(title);
  const y = value => (1 - (Math.max(-1, Math.min(1, value)) + 1) / 2) * (height - 4) + 2;
  svg.append(el('line', { x1: 0, x2: width, y1: y(0), y2: y(0), class: 'spark-zero' }));
  if (threshold != null) svg.append(el('line', { x1: 0, x2: width, y1: y(threshold), y2: y(threshold), class: 'spark-threshold' }));
  if (points.length === 0) return svg;
  const step = points.length > 1 ? (width - 6) / (points.length - 1) : 0;
  const xy = points.map((p, i) => [3 + i * step, y(p)]);
  if (xy.length > 1) svg.append(el('polyline', { points: xy.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' '), class: 'spark-line' }));
  const [lx, ly] = xy[xy.length - 1];
  const last = points[points.length - 1];
  svg.append(el('circle', { cx: lx, cy: ly, r: 2.5, class: 'spark-last ' + (last <= -0.2 ? 'negative' : last >= 0.2 ? 'positive' : 'neutral') }));
  return svg;
}
