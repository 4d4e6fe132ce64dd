// The dashboard's tabs (Live, Analytics, Review): the hash names the open one, so a link or a reload keeps it;
// arrow keys move between tabs as the ARIA tabs pattern expects. Panels are told when they are first shown.

const listeners = new Map();

export function onFirstShow(panelId, callback) {
  listeners.set(panelId, callback);
}

export function initTabs() {
  const list = document.querySelector('[role="tablist"]');
  const tabs = [...list.querySelectorAll('[role="tab"]')];
  const shown = new Set();

  function select(id, focus = false) {
    const tab = tabs.find(t => t.getAttribute('aria-controls') === id) || tabs.find(t => t.getAttribute('aria-controls') === list.dataset.default) || tabs[0];
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
    }
    if (focus) tab.focus();
    const panel = tab.getAttribute('aria-controls');
    if (!shown.has(panel)) {
      shown.add(panel);
      listeners.get(panel)?.();
    }
  }

  list.addEventListener('click', event => {
    const tab = event.target.closest('[role="tab"]');
    if (!tab) return;
    event.preventDefault();
    history.replaceState(null, '', '#' + tab.getAttribute('aria-controls'));
    select(tab.getAttribute('aria-controls'));
  });
  list.addEventListener('keydown', event => {
    const index = tabs.indexOf(document.activeElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next == null) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    history.replaceState(null, '', '#' + tab.getAttribute('aria-controls'));
    select(tab.getAttribute('aria-controls'), true);
  });
  window.addEventListener('hashchange', () => select(window.location.hash.slice(1)));
  select(window.location.hash.slice(1));
}
