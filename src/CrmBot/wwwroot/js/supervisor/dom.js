// Building the dashboard: the shared element helpers and the dashboard's formatters.
import { fill, h, humanize, score } from '../shared/elements.js';

export { fill, h, humanize, score };

export const $ = id => document.getElementById(id);

export function announce(message) {
  $('announcer').textContent = message;
}

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export const count = value => (value == null ? '–' : integer.format(value));
export const percent = value => (value == null ? '–' : percentFormat.format(value));
export const oneDecimal = value => (value == null ? '–' : value.toFixed(1));

export function minutes(seconds) {
  if (seconds == null) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = seconds / 60;
  return m < 60 ? `${m.toFixed(1)} min` : `${Math.floor(m / 60)} h ${String(Math.round(m % 60)).padStart(2, '0')} min`;
}

// The server's times are in the support team's zone with their offset ("2024-10-27T01:00:00+01:00"): show the local
// part as written, not converted to the browser's zone.
export function localParts(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(String(iso));
  if (!match) return null;
  const [, year, month, day, hour, minute] = match;
  const weekday = WEEKDAYS[new Date(Date.UTC(+year, +month - 1, +day)).getUTCDay()];
  return { year, month: MONTHS[+month - 1], day: String(+day), weekday, time: hour == null ? null : `${hour}:${minute}` };
}

export function dayLabel(iso) {
  const p = localParts(iso);
  return p ? `${p.weekday} ${p.day} ${p.month}` : String(iso);
}

export function hourLabel(iso) {
  const p = localParts(iso);
  return p ? `${p.weekday} ${p.day} ${p.month} ${p.time}` : String(iso);
}

export const offsetOf = iso => (/([+-]\d{2}:\d{2}|Z)$/.exec(String(iso)) || [''])[0];
