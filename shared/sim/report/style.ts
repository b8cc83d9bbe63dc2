/** The page's stylesheet: system fonts only, no url(), no @import. */
export const stylesheet = `
:root {
  --fg: #1c2230; --muted: #5d6677; --line: #dfe3ea; --bg: #f4f6f9; --card: #fff;
  --accent: #2f6fdf; --ok: #1b7f45; --warn: #9a6200; --bad: #c0352b; --off: #6b7280;
  color-scheme: light;
}
* { box-sizing: border-box; }
body {
  margin: 0; color: var(--fg); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
code, .change-lines, .address { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
.page-head, main { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
.page-head { padding-top: 24px; padding-bottom: 10px; }
h1 { margin: 0 0 4px; font-size: 24px; overflow-wrap: anywhere; }
.description { margin: 0 0 4px; max-width: 90ch; overflow-wrap: anywhere; }
.muted, #summary { color: var(--muted); }
#summary { margin: 0; font-size: 13px; }
.step-nav {
  position: sticky; top: 0; z-index: 10; background: rgba(255, 255, 255, 0.96);
  border-bottom: 1px solid var(--line); box-shadow: 0 1px 4px rgba(20, 30, 50, 0.06);
}
.step-nav ol { display: flex; gap: 2px; max-width: 1180px; margin: 0 auto; padding: 6px 20px; list-style: none; overflow-x: auto; }
.step-nav a { display: block; padding: 4px 10px; border-radius: 6px; color: var(--fg); text-decoration: none; white-space: nowrap; }
.step-nav a:hover, .step-nav a:focus-visible { background: #e6eefc; }
.step-nav .at { margin-left: 6px; font-size: 12px; }
section { scroll-margin-top: 52px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 20px 18px; margin: 16px 0; }
h2 { display: flex; flex-wrap: wrap; align-items: baseline; gap: 10px; margin: 0 0 8px; font-size: 18px; }
h3 { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 0 0 6px; font-size: 15px; }
.step-no { background: var(--fg); color: #fff; border-radius: 6px; padding: 1px 8px; font-size: 13px; }
.at { color: var(--muted); font-weight: normal; font-variant-numeric: tabular-nums; }
.step-title { overflow-wrap: anywhere; }
.events { margin: 0 0 10px; overflow-wrap: anywhere; }
.label { display: inline-block; margin-right: 8px; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.bad-answers-line { margin: 0 0 10px; overflow-wrap: anywhere; }
.bad-answers-line.some { color: #b3261e; }
.bad-answers-line code { margin-right: 2px; }
.bad-answers h2 .total { margin-left: auto; font-size: 14px; font-weight: 600; }
.bad-steps tr.bad td { color: #b3261e; }
.bad-steps tfoot th, .bad-steps tfoot td { font-weight: 600; border-top: 1px solid var(--line); }
.badge.clock, .badge.handling { background: #eef1f6; color: var(--muted); }
.changes h3 { font-size: 13px; color: var(--muted); font-weight: 600; }
.batch { margin: 0 0 10px; }
.batch-head { font-size: 12px; color: var(--muted); margin-bottom: 2px; }
.comment { margin-left: 8px; font-style: italic; overflow-wrap: anywhere; }
.change-lines { background: #f6f8fb; border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; overflow-x: auto; }
.change { white-space: pre; }
.change.delete { color: #b3261e; }
.change.create { color: #17713a; }
.no-changes { margin: 0 0 10px; }
.region { border-top: 1px solid var(--line); padding-top: 10px; margin-top: 12px; }
.region-share { margin-left: auto; color: var(--muted); font-weight: normal; font-size: 13px; }
.reasons { margin: 0 0 6px; padding-left: 18px; color: var(--warn); overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; margin-bottom: 8px; }
caption { text-align: left; font-size: 12px; color: var(--muted); padding: 4px 0; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #edf0f4; }
thead th { font-size: 11.5px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; border-bottom-color: var(--line); }
tbody th { font-weight: normal; }
tbody tr:hover { background: #f8fafd; }
.num { text-align: right; }
.address { display: block; color: var(--muted); font-size: 11.5px; }
.members code, .zones span { display: inline-block; margin-right: 8px; }
tbody th code, .group, .zones span { white-space: nowrap; }
.why { margin: 2px 0 0; padding-left: 16px; color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0 8px; border: 1px solid var(--line); border-radius: 999px; font-size: 12px; font-weight: normal; line-height: 19px; color: var(--muted); background: #f7f8fa; white-space: nowrap; }
.health-healthy, .status-unchanged, .routed { color: var(--ok); background: #eaf6ef; border-color: #bfe3cd; }
.health-draining, .status-refused, .status-fail-open, .status-skipped { color: var(--warn); background: #fdf4e3; border-color: #f0d9a8; }
.health-impaired, .health-alarm, .status-evacuated, .unrouted { color: var(--bad); background: #fcecea; border-color: #f1c3be; }
.status-changed { color: var(--accent); background: #eaf1fd; border-color: #c4d6f6; }
.health-not-ready, .health-not-running, .health-no-address { color: var(--off); background: #f1f2f4; border-color: #d9dce1; }
.share { white-space: nowrap; }
.bar { display: inline-block; width: 140px; height: 10px; margin-right: 8px; vertical-align: middle; background: #e8ecf2; border-radius: 5px; overflow: hidden; }
.fill { display: block; height: 100%; background: var(--accent); border-radius: 5px; }
.pct { display: inline-block; min-width: 46px; text-align: right; }
.delta { margin-left: 8px; font-size: 12px; }
.delta.up { color: var(--accent); }
.delta.down { color: #b45309; }
.chart { margin: 0; }
.chart + .chart { margin-top: 18px; }
figcaption { margin-bottom: 4px; color: var(--muted); }
figcaption strong { color: var(--fg); }
.chart-svg { display: block; width: 100%; max-width: 980px; height: auto; }
.chart-svg .grid { stroke: #e6e9ef; }
.chart-svg .baseline, .chart-svg .tick { stroke: #9aa3b2; }
.chart-svg text { fill: var(--muted); font-size: 11px; }
.chart-svg .x-step { fill: var(--fg); font-weight: 600; }
.chart-svg .axis-title { font-size: 11.5px; }
.chart-svg .x-tick:hover text { fill: var(--accent); }
.chart-svg .series { transition: opacity 0.15s; }
.chart-svg.has-focus .series { opacity: 0.12; }
.chart-svg.has-focus .series.focus { opacity: 1; }
.chart-svg .series.focus polyline { stroke-width: 3.5; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 8px 0 0; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: 6px; padding: 1px 4px; border-radius: 4px; cursor: default; font-size: 12.5px; }
.hint { margin: 6px 0 0; font-size: 12px; }
.legend li:hover, .legend li:focus { background: #eef3fc; outline: none; }
.noscript, .render-error { padding: 10px 14px; border: 1px solid #f1c3be; border-radius: 8px; background: #fcecea; color: var(--bad); }
@media print { .step-nav { position: static; } .step { break-inside: avoid-page; } }
`;
