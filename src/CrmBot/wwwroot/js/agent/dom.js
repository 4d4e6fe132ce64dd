// Building the page: element references, formatters and the small shared widgets (sentiment badge, live
// durations, the notice). Every piece of customer or server text goes in as text (createElement / textContent),
// never as HTML.
import { now } from './state.js';
import { fill, h, humanize } from '../shared/elements.js';

export { fill, h, humanize };

const SENTIMENTS = ['negative', 'neutral', 'positive'];

const $ = id => document.getElementById(id);

// Module scripts run after the document is parsed, so every element exists here.
export const ui = {
  agentName: $('agent-name'), skills: $('agent-skills'), connection: $('connection'), presence: $('presence'),
  signoutToken: $('signout-token'), notice: $('notice'), noticeText: $('notice-text'), noticeClose: $('notice-close'),
  announcer: $('announcer'),
  mine: $('queue-mine'), mineCount: $('mine-count'), mineEmpty: $('mine-empty'),
  waiting: $('queue-waiting'), waitingCount: $('waiting-count'), waitingEmpty: $('waiting-empty'),
  placeholder: $('conversation-placeholder'), conversation: $('conversation'), title: $('conversation-title'),
  meta: $('conversation-meta'), status: $('conversation-status'),
  accept: $('accept'), handback: $('handback'), resolve: $('resolve'),
  resolveForm: $('resolve-form'), disposition: $('disposition'), resolveNote: $('resolve-note'),
  resolveConfirm: $('resolve-confirm'), resolveCancel: $('resolve-cancel'),
  closedBanner: $('closed-banner'), transcript: $('transcript'), typing: $('typing'),
  replyForm: $('reply-form'), reply: $('reply'), replyHint: $('reply-hint'), replyCount: $('reply-count'), send: $('send'),
  profileBody: $('profile-body'), reason: $('reason'), reasonBody: $('reason-body'),
  suggestions: $('suggestions'), suggestionsEmpty: $('suggestions-empty'),
  brief: $('brief'), briefBody: $('brief-body')
};

const timeOnly = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
export const dayAndTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
export const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
export const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });

export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return date.toDateString() === new Date(now()).toDateString() ? timeOnly.format(date) : dayAndTime.format(date);
}

export function formatDate(iso) {
  return iso ? dateOnly.format(new Date(iso)) : '';
}

function formatDuration(ms) {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours}h ${String(minutes % 60).padStart(2, '0')}m` : `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

export function initials(name) {
  return String(name || '?').split(/\s+/).filter(Boolean).map(part => part[0]).join('').slice(0, 2).toUpperCase();
}

export const cssToken = value => String(value || '').toLowerCase().replace(/[^a-z0-9]+/g, '-');

function signed(score) {
  return (score > 0 ? '+' : score < 0 ? '−' : '') + Math.abs(score).toFixed(2);
}

export function sentimentBadge(label, score) {
  const known = SENTIMENTS.includes(label) ? label : 'neutral';
  const text = typeof score === 'number' ? `${label || known} ${signed(score)}` : (label || known);
  return h('span', { className: `badge sentiment ${known}`, title: 'Customer sentiment' }, text);
}

// A live duration, ticked every second by tick(): "waiting 1m 04s", "assigned 12s ago".
export function since(iso, prefix, suffix = '') {
  const node = h('time', { className: 'since', datetime: iso, dataset: { since: iso, prefix, suffix } });
  node.textContent = prefix + formatDuration(now() - Date.parse(iso)) + suffix;
  return node;
}

export function tick() {
  for (const node of document.querySelectorAll('[data-since]')) {
    node.textContent = node.dataset.prefix + formatDuration(now() - Date.parse(node.dataset.since)) + node.dataset.suffix;
  }
}

let noticeTimer = 0;
export function notify(message, kind = 'error') {
  ui.noticeText.textContent = message;
  ui.notice.dataset.kind = kind;
  ui.notice.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  ui.notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { ui.notice.hidden = true; }, kind === 'error' ? 12000 : 5000);
}

export function announce(message) {
  ui.announcer.textContent = message;
}
