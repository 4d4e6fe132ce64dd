// Building pages without markup strings, shared by the agent console and the supervisor dashboard. Every piece of
// customer or server text goes in as a text node, never as HTML: customers type anything, "<img onerror=…>" included.

// createElement with attributes and text/element children; strings always become text nodes. `className` or `class`
// sets the class, `dataset` the data- attributes, `on…` adds a listener; null and false are left out.
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (name === 'className' || name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// replaceChildren with h()'s rules: null and false are skipped instead of becoming the text "null".
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter(child => child != null && child !== false));
}

// "CustomerRequest" -> "Customer request", "track_order" -> "Track order"
export function humanize(value) {
  const words = String(value ?? '').replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// A sentiment score with its sign: "+0.42", "−0.80", "0.00"; "–" when there is none.
export const score = value => (value == null ? '–' : (value > 0 ? '+' : value < 0 ? '−' : '') + Math.abs(value).toFixed(2));
