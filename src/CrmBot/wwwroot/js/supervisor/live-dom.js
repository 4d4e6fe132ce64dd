// The live view's formatters, beside the shared element helpers.
import { h, humanize, score } from '../shared/elements.js';

export { h, humanize, score };

export function label(value) {
  return value <= -0.2 ? 'negative' : value >= 0.2 ? 'positive' : 'neutral';
}

export function duration(seconds) {
  if (seconds == null) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

export function clock(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function ownerText(owner) {
  switch (owner.kind) {
    case 'Agent': return owner.agentName || 'Agent';
    case 'Offered': return `Offered to ${owner.agentName || 'an agent'}`;
    case 'Waiting': return `Waiting · ${owner.queue}`;
    default: return 'Bot';
  }
}
