// Alerts: the list of alerts nobody acknowledged (newest first), a beep for each new one (Web Audio; muted with the
// toggle, remembered in this browser), and acknowledge. Browsers only let a page make sound after the user has
// interacted with it, so the audio context is created or resumed on the first click.
import { h, score, clock } from './live-dom.js';
import * as api from './live-api.js';

const MUTE_KEY = 'crmbot.supervisor.muted';

export function createAlerts(root, { onOpen, onError }) {
  const alerts = new Map();
  let audio = null;
  let muted = localStorage.getItem(MUTE_KEY) === '1';
  let beeps = 0;

  const list = h('ul', { className: 'live-alert-list', id: 'live-alerts', 'aria-label': 'Alerts' });
  const empty = h('p', { className: 'live-alert-empty' }, 'No alerts. You will see and hear one when a conversation turns negative.');
  const count = h('span', { className: 'live-alert-count', id: 'live-alert-count' }, '0');
  const mute = h('button', { type: 'button', id: 'live-mute', className: 'live-mute', 'aria-pressed': String(muted), onclick: toggleMute });
  const announcer = h('div', { className: 'visually-hidden', role: 'alert', id: 'live-alert-announcer' });
  const panel = h('section', { className: 'live-alerts', 'aria-labelledby': 'live-alerts-title' },
    h('header', {}, h('h2', { id: 'live-alerts-title' }, 'Alerts ', count), mute),
    empty, list, announcer);
  root.append(panel);
  renderMute();
  document.addEventListener('click', unlockAudio, { capture: true });

  function unlockAudio() {
    try {
      audio ??= new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === 'suspended') audio.resume();
    } catch { /* no audio in this browser: the banner still shows */ }
  }

  function toggleMute() {
    muted = !muted;
    localStorage.setItem(MUTE_KEY, muted ? '1' : '0');
    renderMute();
  }

  function renderMute() {
    mute.setAttribute('aria-pressed', String(muted));
    mute.textContent = muted ? 'Sound off' : 'Sound on';
    mute.title = muted ? 'Alerts are silent; click to hear them' : 'Alerts beep; click to mute';
  }

  // Two short tones, falling: noticeable without being an alarm.
  function beep() {
    beeps += 1;
    root.dataset.beeps = String(beeps);
    if (muted) return;
    try {
      audio ??= new (window.AudioContext || window.webkitAudioContext)();
      const start = audio.currentTime;
      [[880, 0], [660, 0.18]].forEach(([frequency, offset]) => {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.type = 'sine';
        osc.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start + offset);
        gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
        osc.connect(gain).connect(audio.destination);
        osc.start(start + offset);
        osc.stop(start + offset + 0.17);
      });
    } catch { /* audio blocked or missing: the banner is the alert */ }
  }

  function describe(alert) {
    return alert.kind === 'SteepDrop'
      ? `fell ${alert.drop.toFixed(2)} to ${score(alert.sentiment)}`
      : `sentiment ${score(alert.sentiment)}`;
  }

  function render() {
    const items = [...alerts.values()].sort((a, b) => b.id - a.id);
    count.textContent = String(items.length);
    panel.classList.toggle('has-alerts', items.length > 0);
    empty.hidden = items.length > 0;
    list.replaceChildren(...items.map(alert => h('li', { className: 'live-alert' + (alert.cleared ? ' cleared' : ''), dataset: { alertId: alert.id, conversationId: alert.conversationId } },
      h('span', { className: 'live-alert-icon', 'aria-hidden': 'true' }, alert.cleared ? '✓' : '⚠'),
      h('span', { className: 'live-alert-text' },
        h('strong', {}, alert.customer), ` (${alert.channel}) `,
        alert.kind === 'SteepDrop' ? 'sentiment falling fast: ' : 'negative: ', describe(alert),
        alert.cleared ? ' · recovered' : ''),
      h('time', { className: 'live-alert-time', datetime: alert.raisedAt }, clock(alert.raisedAt)),
      h('button', { type: 'button', className: 'live-alert-open', onclick: () => onOpen(alert.conversationId) }, 'Open transcript'),
      h('button', { type: 'button', className: 'live-alert-ack', onclick: () => ack(alert.id) }, 'Acknowledge'))));
  }

  async function ack(id) {
    try {
      await api.acknowledge(id);
      alerts.delete(id);
      render();
    } catch (error) {
      onError(error.message);
    }
  }

  return {
    load(items) {
      alerts.clear();
      for (const alert of items) alerts.set(alert.id, alert);
      render();
    },
    raised(alert) {
      const isNew = !alerts.has(alert.id);
      alerts.set(alert.id, alert);
      render();
      if (isNew) {
        beep();
        announcer.textContent = `Alert: ${alert.customer}, ${describe(alert)}`;
      }
    },
    cleared(conversationId) {
      for (const alert of alerts.values()) if (alert.conversationId === conversationId) alert.cleared = true;
      render();
    },
  };
}
