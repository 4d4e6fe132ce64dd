// What each figure looks like: its chart (Chart.js), its table (the same rows as its CSV) and any extra content.
// Chart.js is the UMD bundle from npm (window.Chart), loaded before the modules.
import { count, dayLabel, h, hourLabel, humanize, minutes, offsetOf, oneDecimal, percent, score } from './dom.js';

const COLOURS = {
  positive: '#1a9d5c', neutral: '#9aa3b2', negative: '#f08c2e', angry: '#c62828',
  brand: '#0b5fff', teal: '#0f766e', grey: '#c5ccd8',
};
const LABELS = ['positive', 'neutral', 'negative', 'angry'];
const MOST_INTENTS_CHARTED = 12;

const num = label => ({ label, numeric: true });
const text = label => ({ label, numeric: false });

// Counts are whole numbers: ticks at 0.5 would suggest half a message.
function options({ stacked = false, horizontal = false, y = {}, y2 = null } = {}) {
  const counts = { ticks: { precision: 0 } };
  const scales = {
    x: { stacked, grid: { display: horizontal }, ...(horizontal ? counts : {}) },
    y: { stacked, beginAtZero: true, ...(horizontal ? {} : counts), ...y },
  };
  if (y2) scales.y2 = { position: 'right', grid: { drawOnChartArea: false }, ...counts, ...y2 };
  return {
    animation: false,
    maintainAspectRatio: false,
    indexAxis: horizontal ? 'y' : 'x',
    interaction: { mode: 'index', intersect: false },
    plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
    datasets: { bar: { maxBarThickness: 36 } },
    scales,
  };
}

function labelBars(rows, key) {
  return LABELS.map(label => ({ type: 'bar', label: humanize(label), data: rows.map(r => r[label]), backgroundColor: COLOURS[label], stack: 'labels', ...key }));
}

export const FIGURES = {
  'sentiment-over-time'(data) {
    const hourly = data.granularity === 'hour';
    const labels = data.buckets.map(b => (hourly ? hourLabel(b.start) : dayLabel(b.start)));
    // When the clocks go back an hour repeats: tell the two apart by their offset.
    const repeated = new Set(labels.filter((l, i) => labels.indexOf(l) !== i));
    const shown = labels.map((l, i) => (repeated.has(l) ? `${l} (UTC${offsetOf(data.buckets[i].start)})` : l));
    const messages = data.buckets.reduce((sum, b) => sum + b.messages, 0);
    return {
      empty: messages === 0,
      summary: `Mean customer sentiment per ${hourly ? 'hour' : 'day'} over ${data.buckets.length} ${hourly ? 'hours' : 'days'}, ${count(messages)} messages`,
      chart: {
        data: {
          labels: shown,
          datasets: [
            { type: 'line', label: 'Mean score', data: data.buckets.map(b => b.averageScore), borderColor: COLOURS.brand, backgroundColor: COLOURS.brand, yAxisID: 'y', spanGaps: false, pointRadius: hourly ? 2 : 3, cubicInterpolationMode: 'monotone', order: 0 },
            ...labelBars(data.buckets, { yAxisID: 'y2', order: 1 }),
          ],
        },
        options: options({ stacked: false, y: { min: -1, max: 1, beginAtZero: false, ticks: { stepSize: 0.5 }, title: { display: true, text: 'Mean score' } }, y2: { stacked: true, beginAtZero: true, title: { display: true, text: 'Messages' } } }),
      },
      table: {
        caption: `Customer sentiment per ${hourly ? 'hour' : 'day'} (${data.timeZone})`,
        columns: [text(hourly ? 'Hour' : 'Day'), num('Messages'), num('Mean score'), num('Positive'), num('Neutral'), num('Negative'), num('Angry')],
        rows: data.buckets.map((b, i) => [shown[i], count(b.messages), score(b.averageScore), count(b.positive), count(b.neutral), count(b.negative), count(b.angry)]),
      },
    };
  },

  'sentiment-by-intent'(data) {
    const charted = data.intents.slice(0, MOST_INTENTS_CHARTED);
    return {
      empty: data.intents.length === 0,
      summary: `Customer messages per sentiment label for the ${charted.length} most frequent intents`,
      chart: {
        type: 'bar',
        data: { labels: charted.map(i => humanize(i.intent)), datasets: labelBars(charted, {}) },
        options: options({ stacked: true, horizontal: true }),
      },
      table: {
        caption: 'Customer sentiment per intent',
        columns: [text('Intent'), num('Messages'), num('Mean score'), num('Positive'), num('Neutral'), num('Negative'), num('Angry'), num('Negative share')],
        rows: data.intents.map(i => [i.intent, count(i.messages), score(i.averageScore), count(i.positive), count(i.neutral), count(i.negative), count(i.angry), percent(i.negativeShare)]),
      },
    };
  },

  escalations(data) {
    return {
      empty: data.escalations === 0,
      summary: `${count(data.escalations)} escalations by reason; ${percent(data.rate)} of conversations escalated`,
      chart: {
        type: 'bar',
        data: { labels: data.reasons.map(r => humanize(r.reason)), datasets: [{ label: 'Escalations', data: data.reasons.map(r => r.escalations), backgroundColor: COLOURS.negative }] },
        options: { ...options({ horizontal: true }), plugins: { legend: { display: false } } },
      },
      table: {
        caption: `Escalations by reason (${count(data.escalatedConversations)} of ${count(data.conversations)} conversations escalated)`,
        columns: [text('Reason'), num('Escalations'), num('Share')],
        rows: data.reasons.map(r => [humanize(r.reason), count(r.escalations), percent(r.share)]),
      },
    };
  },

  containment(data) {
    return {
      empty: data.conversations === 0,
      summary: `${percent(data.rate)} of ${count(data.conversations)} conversations handled by the bot alone`,
      chart: {
        data: {
          labels: data.days.map(d => dayLabel(d.date)),
          datasets: [
            { type: 'line', label: 'Containment rate', data: data.days.map(d => d.rate), borderColor: COLOURS.brand, backgroundColor: COLOURS.brand, yAxisID: 'y2', cubicInterpolationMode: 'monotone', order: 0 },
            { type: 'bar', label: 'Bot alone', data: data.days.map(d => d.contained), backgroundColor: COLOURS.teal, stack: 'c', order: 1 },
            { type: 'bar', label: 'Escalated', data: data.days.map(d => d.conversations - d.contained), backgroundColor: COLOURS.grey, stack: 'c', order: 1 },
          ],
        },
        options: options({ stacked: true, y: { title: { display: true, text: 'Conversations' } }, y2: { min: 0, max: 1, ticks: { stepSize: 0.25, callback: v => percent(v) } } }),
      },
      table: {
        caption: `Containment per day (${count(data.reachedAgent)} escalated conversations reached an agent)`,
        columns: [text('Day'), num('Conversations'), num('Bot alone'), num('Escalated'), num('Containment')],
        rows: data.days.map(d => [dayLabel(d.date), count(d.conversations), count(d.contained), count(d.conversations - d.contained), percent(d.rate)]),
      },
    };
  },

  csat(data) {
    return {
      empty: data.rated === 0,
      summary: `Average rating ${oneDecimal(data.average)} from ${count(data.rated)} ratings`,
      chart: {
        type: 'bar',
        data: { labels: data.scores.map(s => `${s.score} ★`), datasets: [{ label: 'Ratings', data: data.scores.map(s => s.ratings), backgroundColor: ['#c62828', '#f08c2e', '#9aa3b2', '#5fb98a', '#1a9d5c'] }] },
        options: { ...options(), plugins: { legend: { display: false } } },
      },
      table: {
        caption: `Satisfaction ratings (${count(data.rated)} of ${count(data.asked)} asked answered)`,
        columns: [text('Score'), num('Ratings'), num('Share')],
        rows: data.scores.map(s => [String(s.score), count(s.ratings), percent(s.share)]),
      },
    };
  },

  'handling-times'(data) {
    const toMinutes = s => (s == null ? null : s / 60);
    return {
      empty: data.all.escalations === 0,
      summary: `Average wait ${minutes(data.all.averageWaitSeconds)}, average handle ${minutes(data.all.averageHandleSeconds)}`,
      chart: {
        type: 'bar',
        data: {
          labels: data.queues.map(q => humanize(q.queue)),
          datasets: [
            { label: 'Average wait (min)', data: data.queues.map(q => toMinutes(q.averageWaitSeconds)), backgroundColor: COLOURS.negative },
            { label: 'Average handle (min)', data: data.queues.map(q => toMinutes(q.averageHandleSeconds)), backgroundColor: COLOURS.teal },
          ],
        },
        options: options({ y: { ticks: {}, title: { display: true, text: 'Minutes' } } }),
      },
      table: {
        caption: 'Wait and handle times per queue',
        columns: [text('Queue'), num('Escalations'), num('Accepted'), num('Average wait'), num('Longest wait'), num('Handled'), num('Average handle')],
        rows: [data.all, ...data.queues].map(q => [q === data.all ? 'All queues' : humanize(q.queue), count(q.escalations), count(q.accepted),
          minutes(q.averageWaitSeconds), minutes(q.longestWaitSeconds), count(q.handled), minutes(q.averageHandleSeconds)]),
      },
    };
  },

  'negative-intents'(data) {
    return {
      empty: data.intents.length === 0,
      summary: `Negative customer messages for the ${data.intents.length} most negative intents`,
      chart: {
        type: 'bar',
        data: {
          labels: data.intents.map(i => humanize(i.intent)),
          datasets: [{ label: 'Negative or angry messages', data: data.intents.map(i => i.negativeMessages), backgroundColor: COLOURS.angry }],
        },
        options: { ...options({ horizontal: true }), plugins: { legend: { display: false } } },
      },
      extra: h('ul', { className: 'drivers' }, data.intents.map(i => h('li', {},
        h('span', { className: 'driver-intent' }, humanize(i.intent)),
        h('span', { className: 'driver-share' }, ` ${percent(i.negativeShare)} negative`),
        i.phrases.length === 0
          ? h('span', { className: 'muted' }, ' · no phrase repeated')
          : h('ul', { className: 'phrases', 'aria-label': `Phrases in negative ${humanize(i.intent)} messages` },
            i.phrases.map(p => h('li', { className: 'phrase', title: `In ${count(p.messages)} of ${count(i.sampledNegative)} negative messages read (${percent(p.share)}), ${percent(p.otherShare)} of the others` },
              h('q', {}, p.phrase), h('span', { className: 'phrase-count' }, ` ${count(p.messages)}`))))))),
      table: {
        caption: `Most negative intents and their phrases (from up to ${count(data.sampleLimit)} recent negative messages each)`,
        columns: [text('Intent'), num('Messages'), num('Negative'), num('Negative share'), num('Mean score'), text('Phrases (messages)')],
        rows: data.intents.map(i => [i.intent, count(i.messages), count(i.negativeMessages), percent(i.negativeShare), score(i.averageScore),
          i.phrases.map(p => `${p.phrase} (${p.messages})`).join('; ')]),
      },
    };
  },

  'agent-workload'(data) {
    const active = data.agents.filter(a => a.assigned > 0 || a.messages > 0);
    return {
      empty: active.length === 0,
      summary: `Escalations per agent for ${active.length} agents with work in the period`,
      chart: {
        type: 'bar',
        data: {
          labels: active.map(a => a.name),
          datasets: [
            { label: 'Resolved', data: active.map(a => a.resolved), backgroundColor: COLOURS.teal, stack: 'e' },
            { label: 'Handed back', data: active.map(a => a.handedBack), backgroundColor: COLOURS.brand, stack: 'e' },
            { label: 'Open or not accepted', data: active.map(a => a.assigned - a.resolved - a.handedBack), backgroundColor: COLOURS.grey, stack: 'e' },
          ],
        },
        options: options({ stacked: true, horizontal: true }),
      },
      table: {
        caption: 'Agent workload',
        columns: [text('Agent'), num('Assigned'), num('Accepted'), num('Resolved'), num('Handed back'), num('Average handle'), num('Ratings'), num('Average rating'), num('Messages')],
        rows: data.agents.map(a => [a.name, count(a.assigned), count(a.accepted), count(a.resolved), count(a.handedBack), minutes(a.averageHandleSeconds),
          count(a.rated), oneDecimal(a.averageCsat), count(a.messages)]),
      },
    };
  },

  suggestions(data) {
    return {
      empty: data.shown === 0,
      summary: `${count(data.clicked)} of ${count(data.shown)} suggested products pressed (${percent(data.clickThroughRate)}), over ${data.strategies.length} strategies`,
      chart: {
        type: 'bar',
        data: {
          labels: data.strategies.map(s => humanize(s.strategy)),
          datasets: [{ label: 'Click-through rate (%)', data: data.strategies.map(s => s.clickThroughRate == null ? null : s.clickThroughRate * 100), backgroundColor: COLOURS.brand }],
        },
        options: { ...options({ horizontal: true }), plugins: { legend: { display: false } } },
      },
      table: {
        caption: 'Product suggestions per strategy',
        columns: [text('Strategy'), num('Conversations'), num('Shown'), num('Pressed'), num('Click-through')],
        rows: data.strategies.map(s => [s.strategy, count(s.conversations), count(s.shown), count(s.clicked), percent(s.clickThroughRate)]),
      },
    };
  },

  'language-model'(data) {
    return {
      empty: data.exchanges === 0,
      summary: `${count(data.used)} of ${count(data.exchanges)} model exchanges used (${percent(data.usedRate)}), ${count(data.fellBack)} fell back; ` +
        `${count(data.promptTokens + data.completionTokens)} tokens; latency mean ${count(data.meanLatencyMs)} ms, 95th percentile ${count(data.p95LatencyMs)} ms`,
      chart: {
        type: 'bar',
        data: {
          labels: data.purposes.map(p => humanize(p.purpose)),
          datasets: [
            { label: 'Used', data: data.purposes.map(p => p.used), backgroundColor: COLOURS.teal, stack: 'x' },
            { label: 'Fell back', data: data.purposes.map(p => p.fellBack), backgroundColor: COLOURS.negative, stack: 'x' },
            { label: 'Declined', data: data.purposes.map(p => p.exchanges - p.used - p.fellBack), backgroundColor: COLOURS.grey, stack: 'x' },
          ],
        },
        options: options({ stacked: true, horizontal: true }),
      },
      table: {
        caption: 'Language-model exchanges per purpose',
        columns: [text('Purpose'), num('Exchanges'), num('Used'), num('Fell back'), num('Used rate'), num('Prompt tokens'), num('Completion tokens'), num('Tool calls'), num('Mean latency (ms)'), num('95th pct latency (ms)')],
        rows: data.purposes.map(p => [humanize(p.purpose), count(p.exchanges), count(p.used), count(p.fellBack), percent(p.usedRate), count(p.promptTokens),
          count(p.completionTokens), count(p.toolCalls), count(p.meanLatencyMs), count(p.p95LatencyMs)]),
      },
    };
  },
};
