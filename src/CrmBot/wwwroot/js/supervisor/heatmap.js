// Busiest hours as a heat map: a real table (weekdays by hours of the day) whose cells are shaded by their count, so
// it reads the same to a screen reader as it looks.
import { count, h } from './dom.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function heatmap(data, measure) {
  const max = Math.max(0, ...data.cells.map(c => c[measure]));
  const cell = (weekday, hour) => data.cells.find(c => c.weekday === weekday && c.hour === hour);
  const what = measure === 'escalations' ? 'escalations' : 'conversations started';
  return h('table', { className: 'heatmap' },
    h('caption', {}, `${what[0].toUpperCase()}${what.slice(1)} per weekday and hour (${data.timeZone})`),
    h('thead', {}, h('tr', {}, h('td', {}), Array.from({ length: 24 }, (_, hour) => h('th', { scope: 'col' }, String(hour).padStart(2, '0'))))),
    h('tbody', {}, WEEKDAYS.map(weekday => h('tr', {},
      h('th', { scope: 'row' }, weekday.slice(0, 3)),
      Array.from({ length: 24 }, (_, hour) => {
        const value = cell(weekday, hour)?.[measure] ?? 0;
        const td = h('td', { title: `${weekday} ${String(hour).padStart(2, '0')}:00 · ${count(value)} ${what}`, dataset: { level: level(value, max) } }, value ? count(value) : '');
        return td;
      })))));
}

// Five shades, so the colours come from the style sheet rather than from inline styles.
function level(value, max) {
  return value === 0 || max === 0 ? '0' : String(Math.min(4, Math.ceil((value / max) * 4)));
}
