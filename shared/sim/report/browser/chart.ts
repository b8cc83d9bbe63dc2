/// <reference lib="dom" />
/** An SVG line chart per service of each instance's share over the steps. */
import type { SimulationFrame } from '../../frames.js';
import { append, h, svg } from './dom.js';
import { at, percent, slug } from './format.js';

const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#7f7f7f',
  '#393b79',
  '#ad494a',
];
const DASHES = [null, '7 4', '2 3', '10 3 2 3'];

type Frames = readonly SimulationFrame[];

/** One instance's line: its share at each step, null where it is absent. */
interface Series {
  readonly key: string;
  readonly id: string;
  readonly region: string;
  readonly values: (number | null)[];
}

/** The plot's size and how steps and shares map onto it. */
interface Plot {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly plotWidth: number;
  readonly plotHeight: number;
  readonly scale: Scale;
  readonly x: (i: number) => number;
  readonly y: (share: number) => number;
}

interface Scale {
  readonly step: number;
  readonly ticks: number;
  readonly max: number;
}

function seriesOf(frames: Frames, service: string): Series[] {
  const series: Series[] = [];
  const byKey = new Map<string, Series>();
  frames.forEach((frame, f) => {
    for (const region of frame.regions) {
      if (region.service !== service) continue;
      for (const instance of region.instances) {
        const key = `${region.region}|${instance.id}`;
        let entry = byKey.get(key);
        if (entry === undefined) {
          entry = { key, id: instance.id, region: region.region, values: frames.map(() => null) };
          byKey.set(key, entry);
          series.push(entry);
        }
        entry.values[f] = instance.share;
      }
    }
  });
  return series;
}

function scaleOf(largest: number): Scale {
  for (const step of [0.01, 0.02, 0.05, 0.1, 0.2, 0.25]) {
    const ticks = Math.max(1, Math.ceil(largest / step - 1e-9));
    if (ticks <= 5) return { step, ticks, max: ticks * step };
  }
  return { step: 0.25, ticks: 4, max: 1 };
}

function tickLabel(share: number): string {
  const value = share * 100;
  const whole = Number.isInteger(Math.round(value * 1000) / 1000);
  return `${whole ? value.toFixed(0) : value.toFixed(1)}%`;
}

function swatch(color: string | undefined, dash: string | null | undefined): SVGElement {
  const box = {
    class: 'swatch',
    width: 26,
    height: 10,
    viewBox: '0 0 26 10',
    'aria-hidden': 'true',
  };
  return svg(
    'svg',
    box,
    svg('line', {
      x1: 1,
      y1: 5,
      x2: 25,
      y2: 5,
      stroke: color,
      'stroke-width': 3,
      'stroke-dasharray': dash,
    }),
  );
}

function plotOf(frames: Frames, series: readonly Series[]): Plot {
  const [width, height, left, right, top, bottom] = [760, 300, 52, 20, 14, 50];
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const n = frames.length;
  const largest = series.reduce((m, s) => Math.max(m, ...s.values.map((v) => v ?? 0)), 0);
  const scale = scaleOf(Math.max(largest, 0.01));
  return {
    width,
    height,
    left,
    right,
    top,
    plotWidth,
    plotHeight,
    scale,
    x: (i) => left + (n === 1 ? plotWidth / 2 : (i * plotWidth) / (n - 1)),
    y: (share) => top + plotHeight - (share / scale.max) * plotHeight,
  };
}

function stepTick(p: Plot, frame: SimulationFrame, i: number): SVGElement {
  const base = p.top + p.plotHeight;
  return svg('a', { href: `#step-${frame.step}`, class: 'x-tick' }, [
    svg('title', null, `Step ${frame.step}, ${at(frame.at)}: ${frame.title}`),
    svg('line', { class: 'tick', x1: p.x(i), x2: p.x(i), y1: base, y2: base + 5 }),
    svg(
      'text',
      { x: p.x(i), y: base + 18, 'text-anchor': 'middle', class: 'x-step' },
      String(frame.step),
    ),
    svg('text', { x: p.x(i), y: base + 31, 'text-anchor': 'middle', class: 'x-at' }, at(frame.at)),
  ]);
}

function axisOf(p: Plot, frames: Frames): SVGElement {
  const axis = svg('g', { class: 'axis' });
  for (let t = 0; t <= p.scale.ticks; t++) {
    const value = t * p.scale.step;
    append(axis, [
      svg('line', {
        class: 'grid',
        x1: p.left,
        x2: p.width - p.right,
        y1: p.y(value),
        y2: p.y(value),
      }),
      svg('text', { x: p.left - 8, y: p.y(value) + 4, 'text-anchor': 'end' }, tickLabel(value)),
    ]);
  }
  const n = frames.length;
  const every = Math.max(1, Math.ceil(n / 16));
  frames.forEach((frame, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    append(axis, stepTick(p, frame, i));
  });
  const base = p.top + p.plotHeight;
  append(axis, [
    svg('line', { class: 'baseline', x1: p.left, x2: p.width - p.right, y1: base, y2: base }),
    svg(
      'text',
      {
        class: 'axis-title',
        x: p.left + p.plotWidth / 2,
        y: p.height - 4,
        'text-anchor': 'middle',
      },
      'step',
    ),
    svg(
      'text',
      {
        class: 'axis-title',
        x: 0,
        y: 0,
        'text-anchor': 'middle',
        transform: `translate(13 ${p.top + p.plotHeight / 2}) rotate(-90)`,
      },
      'share of answers',
    ),
  ]);
  return axis;
}

function shareText(v: number | null): string {
  return v === null ? 'absent' : percent(v);
}

function seriesGroup(p: Plot, frames: Frames, entry: Series, color?: string, dash?: string | null) {
  const name = `${entry.id} (${entry.region})`;
  const points = entry.values.map((v, f) => `${p.x(f).toFixed(1)},${p.y(v ?? 0).toFixed(1)}`);
  const line = {
    points: points.join(' '),
    fill: 'none',
    stroke: color,
    'stroke-width': 2,
    'stroke-dasharray': dash,
    'stroke-linejoin': 'round',
    'stroke-linecap': 'round',
  };
  const attributes = {
    class: 'series',
    'data-key': entry.key,
    'data-instance': entry.id,
    'data-region': entry.region,
  };
  return svg('g', attributes, [
    svg('polyline', line, svg('title', null, `${name}: ${entry.values.map(shareText).join(', ')}`)),
    entry.values.map((v, f) =>
      svg(
        'circle',
        { cx: p.x(f).toFixed(1), cy: p.y(v ?? 0).toFixed(1), r: 3, fill: color },
        svg('title', null, `${name}, step ${frames[f]?.step ?? f}: ${shareText(v)}`),
      ),
    ),
  ]);
}

/** The lines and the legend whose entries pick out their line on hover or focus. */
function linesAndLegend(chart: SVGElement, p: Plot, frames: Frames, series: readonly Series[]) {
  const legend = h('ul', { class: 'legend' });
  const groups: SVGElement[] = [];
  const focus = (key: string | null): void => {
    chart.classList.toggle('has-focus', key !== null);
    for (const g of groups) g.classList.toggle('focus', g.getAttribute('data-key') === key);
  };
  series.forEach((entry, i) => {
    const color = PALETTE[i % PALETTE.length];
    const dash = DASHES[Math.floor(i / PALETTE.length) % DASHES.length];
    const g = seriesGroup(p, frames, entry, color, dash);
    groups.push(g);
    chart.appendChild(g);
    const item = h('li', { tabindex: 0, 'data-instance': entry.id, 'data-region': entry.region }, [
      swatch(color, dash),
      h('code', null, entry.id),
      h('span', { class: 'muted' }, entry.region),
    ]);
    item.addEventListener('mouseenter', () => {
      focus(entry.key);
    });
    item.addEventListener('focus', () => {
      focus(entry.key);
    });
    item.addEventListener('mouseleave', () => {
      focus(null);
    });
    item.addEventListener('blur', () => {
      focus(null);
    });
    legend.appendChild(item);
  });
  return legend;
}

function renderChart(service: string, frames: Frames): HTMLElement {
  const series = seriesOf(frames, service);
  const p = plotOf(frames, series);
  const labelId = `chart-${slug(service)}-label`;
  const chart = svg('svg', {
    class: 'chart-svg',
    viewBox: `0 0 ${p.width} ${p.height}`,
    role: 'img',
    'aria-labelledby': labelId,
    'data-service': service,
  });
  chart.appendChild(axisOf(p, frames));
  const legend = linesAndLegend(chart, p, frames, series);
  return h('figure', { class: 'chart', 'data-service': service }, [
    h('figcaption', { id: labelId }, [
      h('strong', null, service),
      `: share of all answers per instance, by step (0 to ${percent(p.scale.max)})`,
    ]),
    chart,
    legend,
    h(
      'p',
      { class: 'hint muted' },
      'Lines of instances with equal shares overlap: point at a legend entry to pick out its line.',
    ),
  ]);
}

/** The overview: one chart per service, in the order the services first appear. */
export function renderOverview(frames: Frames): HTMLElement {
  const services: string[] = [];
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
