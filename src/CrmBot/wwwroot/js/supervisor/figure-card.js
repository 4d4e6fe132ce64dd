// One figure on the page: its chart, the same numbers as a table (toggled with a button, for screen readers and
// for reading exact values), a CSV download of that table from the server, and loading, empty and error states.
import { fill, h } from './dom.js';

export class FigureCard {
  constructor(article) {
    this.article = article;
    this.name = article.dataset.figure;
    const title = article.querySelector('h2').textContent;
    this.toggle = h('button', { type: 'button', className: 'view-toggle', 'aria-pressed': 'false', onclick: () => this.showTable(!this.tableShown) }, 'Table');
    this.csv = h('a', { className: 'csv button', download: '', href: '#', 'aria-label': `Download ${title} as CSV` }, 'CSV');
    let tools = article.querySelector('.figure-tools');
    if (!tools) {
      tools = h('div', { className: 'figure-tools' });
      article.querySelector('header').append(tools);
    }
    tools.append(this.toggle, this.csv);
    this.status = h('p', { className: 'figure-status', role: 'status' });
    this.canvas = h('canvas', { role: 'img', 'aria-label': title });
    this.chartBox = h('div', { className: 'chart-box' }, this.canvas);
    this.extra = h('div', { className: 'figure-extra' });
    this.tableBox = h('div', { className: 'table-box', hidden: true, tabindex: '0', 'aria-label': `${title} as a table` });
    article.append(this.status, this.chartBox, this.extra, this.tableBox);
    this.tableShown = false;
    this.chart = null;
  }

  loading(csvUrl) {
    this.csv.href = csvUrl;
    this.article.dataset.state = 'loading';
    this.status.textContent = 'Loading…';
  }

  failed(message) {
    this.article.dataset.state = 'error';
    this.status.textContent = message;
    this.destroyChart();
    fill(this.extra);
    fill(this.tableBox);
  }

  // view: { empty, summary, chart: Chart.js config or null, table: { columns, rows, caption } or null, extra: Node or null }
  render(view) {
    this.destroyChart();
    this.article.dataset.state = view.empty ? 'empty' : 'ready';
    this.status.textContent = view.empty ? 'No data for this period and these filters.' : '';
    this.chartBox.hidden = this.tableShown || !view.chart || view.empty;
    if (view.chart && !view.empty) {
      this.canvas.setAttribute('aria-label', view.summary || this.canvas.getAttribute('aria-label'));
      this.chart = new window.Chart(this.canvas, view.chart);
    }
    fill(this.extra, view.extra || null);
    fill(this.tableBox, view.table ? table(view.table) : null);
    this.toggle.hidden = !view.chart;
  }

  showTable(show) {
    this.tableShown = show;
    this.toggle.setAttribute('aria-pressed', String(show));
    this.toggle.textContent = show ? 'Chart' : 'Table';
    this.tableBox.hidden = !show;
    this.chartBox.hidden = show || !this.chart;
  }

  destroyChart() {
    this.chart?.destroy();
    this.chart = null;
  }
}

// columns: [{ label, numeric }]; rows: arrays of cell text (already formatted).
function table({ columns, rows, caption }) {
  return h('table', { className: 'data-table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', className: c.numeric ? 'num' : null }, c.label)))),
    h('tbody', {}, rows.map(row => h('tr', {}, row.map((cell, i) =>
      i === 0 ? h('th', { scope: 'row' }, cell) : h('td', { className: columns[i].numeric ? 'num' : null }, cell))))));
}
