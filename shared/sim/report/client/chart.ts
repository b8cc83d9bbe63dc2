/** Page script, part 4: an SVG line chart per service of each instance's share over the steps. */
export const chartScript = `
const PALETTE = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b',
  '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#393b79', '#ad494a',
];
const DASHES = [null, '7 4', '2 3', '10 3 2 3'];

function seriesOf(frames, service) {
  const series = [];
  const byKey = new Map();
  frames.forEach((frame, f) => {
    for (const region of frame.regions) {
      if (region.service !== service) continue;
      for (const instance of region.instances) {
        const key = region.region + '|' + instance.id;
        let entry = byKey.get(key);
        if (entry === undefined) {
          entry = { key: key, id: instance.id, region: region.region, values: frames.map(() => null) };
          byKey.set(key, entry);
          series.push(entry);
        }
        entry.values[f] = instance.share;
      }
    }
  });
  return series;
}

function scaleOf(largest) {
  for (const step of [0.01, 0.02, 0.05, 0.1, 0.2, 0.25]) {
    const ticks = Math.max(1, Math.ceil(largest / step - 1e-9));
    if (ticks <= 5) return { step: step, ticks: ticks, max: ticks * step };
  }
  return { step: 0.25, ticks: 4, max: 1 };
}

function tickLabel(share) {
  const value = share * 100;
  return (Number.isInteger(Math.round(value * 1000) / 1000) ? value.toFixed(0) : value.toFixed(1)) + '%';
}

function swatch(color, dash) {
  return svg('svg', { class: 'swatch', width: 26, height: 10, viewBox: '0 0 26 10', 'aria-hidden': 'true' },
    svg('line', { x1: 1, y1: 5, x2: 25, y2: 5, stroke: color, 'stroke-width': 3, 'stroke-dasharray': dash }));
}

function renderChart(service, frames) {
  const series = seriesOf(frames, service);
  const width = 760;
  const height = 300;
  const left = 52;
  const right = 20;
  const top = 14;
  const bottom = 50;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const n = frames.length;
  const largest = series.reduce((m, s) => Math.max(m, ...s.values.map((v) => v || 0)), 0);
  const scale = scaleOf(Math.max(largest, 0.01));
  const x = (i) => left + (n === 1 ? plotWidth / 2 : (i * plotWidth) / (n - 1));
  const y = (share) => top + plotHeight - (share / scale.max) * plotHeight;
  const labelId = 'chart-' + slug(service) + '-label';

  const chart = svg('svg', {
    class: 'chart-svg', viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-labelledby': labelId,
    'data-service': service,
  });
  const axis = svg('g', { class: 'axis' });
  for (let t = 0; t <= scale.ticks; t++) {
    const value = t * scale.step;
    append(axis, [
      svg('line', { class: 'grid', x1: left, x2: width - right, y1: y(value), y2: y(value) }),
      svg('text', { x: left - 8, y: y(value) + 4, 'text-anchor': 'end' }, tickLabel(value)),
    ]);
  }
  const every = Math.max(1, Math.ceil(n / 16));
  frames.forEach((frame, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    append(axis, svg('a', { href: '#step-' + frame.step, class: 'x-tick' }, [
      svg('title', null, 'Step ' + frame.step + ', ' + at(frame.at) + ': ' + frame.title),
      svg('line', { class: 'tick', x1: x(i), x2: x(i), y1: top + plotHeight, y2: top + plotHeight + 5 }),
      svg('text', { x: x(i), y: top + plotHeight + 18, 'text-anchor': 'middle', class: 'x-step' }, String(frame.step)),
      svg('text', { x: x(i), y: top + plotHeight + 31, 'text-anchor': 'middle', class: 'x-at' }, at(frame.at)),
    ]));
  });
  append(axis, [
    svg('line', { class: 'baseline', x1: left, x2: width - right, y1: top + plotHeight, y2: top + plotHeight }),
    svg('text', { class: 'axis-title', x: left + plotWidth / 2, y: height - 4, 'text-anchor': 'middle' }, 'step'),
    svg('text', {
      class: 'axis-title', x: 0, y: 0, 'text-anchor': 'middle',
      transform: 'translate(13 ' + (top + plotHeight / 2) + ') rotate(-90)',
    }, 'share of answers'),
  ]);
  chart.appendChild(axis);

  const legend = h('ul', { class: 'legend' });
  const groups = [];
  const focus = (key) => {
    chart.classList.toggle('has-focus', key !== null);
    for (const g of groups) g.classList.toggle('focus', g.getAttribute('data-key') === key);
  };
  series.forEach((entry, i) => {
    const color = PALETTE[i % PALETTE.length];
    const dash = DASHES[Math.floor(i / PALETTE.length) % DASHES.length];
    const name = entry.id + ' (' + entry.region + ')';
    const points = entry.values.map((v, f) => x(f).toFixed(1) + ',' + y(v || 0).toFixed(1)).join(' ');
    const g = svg('g', { class: 'series', 'data-key': entry.key, 'data-instance': entry.id, 'data-region': entry.region }, [
      svg('polyline', {
        points: points, fill: 'none', stroke: color, 'stroke-width': 2, 'stroke-dasharray': dash,
        'stroke-linejoin': 'round', 'stroke-linecap': 'round',
      }, svg('title', null, name + ': ' + entry.values.map((v) => (v === null ? 'absent' : percent(v))).join(', '))),
      entry.values.map((v, f) =>
        svg('circle', { cx: x(f).toFixed(1), cy: y(v || 0).toFixed(1), r: 3, fill: color },
          svg('title', null, name + ', step ' + frames[f].step + ': ' + (v === null ? 'absent' : percent(v))))),
    ]);
    groups.push(g);
    chart.appendChild(g);
    const item = h('li', { tabindex: 0, 'data-instance': entry.id, 'data-region': entry.region }, [
      swatch(color, dash),
      h('code', null, entry.id),
      h('span', { class: 'muted' }, entry.region),
    ]);
    item.addEventListener('mouseenter', () => focus(entry.key));
    item.addEventListener('focus', () => focus(entry.key));
    item.addEventListener('mouseleave', () => focus(null));
    item.addEventListener('blur', () => focus(null));
    legend.appendChild(item);
  });

  return h('figure', { class: 'chart', 'data-service': service }, [
    h('figcaption', { id: labelId }, [
      h('strong', null, service),
      ': share of all answers per instance, by step (0 to ' + percent(scale.max) + ')',
    ]),
    chart,
    legend,
    h('p', { class: 'hint muted' }, 'Lines of instances with equal shares overlap: point at a legend entry to pick out its line.'),
  ]);
}

function renderOverview(frames) {
  const services = [];
  for (const frame of frames) {
    for (const region of frame.regions) {
      if (!services.includes(region.service)) services.push(region.service);
    }
  }
  return h('section', { id: 'overview', class: 'card overview' }, [
    h('h2', null, 'Share of traffic'),
    services.length === 0
      ? h('p', { class: 'muted' }, 'No regions in this simulation.')
      : services.map((service) => renderChart(service, frames)),
  ]);
}
`;
