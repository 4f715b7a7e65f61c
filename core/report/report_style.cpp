#include "core/report/report_style.h"

namespace filmrecover::report {

const std::string& reportStyleSheet() {
  static const std::string css = R"CSS(
:root { --ink:#1d2733; --muted:#5b6773; --line:#d5dbe2; --band:#14202e; --accent:#0072B2;
        --good:#1e7d4f; --bad:#b03a2e; --warn:#9a6700; --paper:#ffffff; --bg:#eef1f4; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
       font: 14px/1.45 "Helvetica Neue", "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
.page { max-width: 1280px; margin: 0 auto; background: var(--paper); padding: 0 0 32px 0;
        box-shadow: 0 0 0 1px var(--line); }
header.band { background: var(--band); color: #fff; padding: 22px 32px 18px 32px; }
header.band h1 { margin: 0 0 4px 0; font-size: 24px; font-weight: 600; letter-spacing: .2px; }
header.band .film { font-size: 16px; color: #c8d3df; }
header.band dl { display: grid; grid-template-columns: repeat(4, auto); gap: 2px 28px; margin: 14px 0 0 0;
                 font-size: 12.5px; justify-content: start; }
header.band dt { color: #8fa1b3; text-transform: uppercase; font-size: 10.5px; letter-spacing: .6px; }
header.band dd { margin: 0 0 6px 0; }
section { padding: 6px 32px 10px 32px; border-bottom: 1px solid var(--line); page-break-inside: avoid; }
section h2 { font-size: 17px; margin: 18px 0 4px 0; color: var(--band); }
section h2 .num { color: var(--accent); margin-right: 8px; }
section h3 { font-size: 14px; margin: 14px 0 6px 0; color: var(--muted); font-weight: 600; }
p.lead { color: var(--muted); margin: 0 0 10px 0; max-width: 900px; }
table { border-collapse: collapse; margin: 8px 0 12px 0; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 10px; text-align: left; vertical-align: top; }
th { background: #f4f6f8; font-weight: 600; color: #33404d; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.best { font-weight: 700; color: var(--good); }
tr.flag td { background: #fdf0ee; }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 14px 0 6px 0; }
.kpi { border: 1px solid var(--line); border-radius: 4px; padding: 10px 14px; min-width: 170px; }
.kpi .v { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.kpi .k { font-size: 11px; text-transform: uppercase; color: var(--muted); letter-spacing: .5px; }
.kpi .s { font-size: 12px; color: var(--muted); }
.kpi.good .v { color: var(--good); } .kpi.bad .v { color: var(--bad); }
tr.bad td { color: var(--bad); }
.callout { border-left: 4px solid var(--warn); background: #fff8e6; padding: 8px 14px; margin: 12px 0; }
.callout ul { margin: 4px 0; padding-left: 18px; }
.callout.ok { border-color: var(--good); background: #eef8f2; }
.figs { display: flex; flex-wrap: wrap; gap: 14px; align-items: flex-start; }
figure { margin: 6px 0; }
figcaption { font-size: 12px; color: var(--muted); margin-top: 4px; max-width: 640px; }
svg.plot { border: 1px solid var(--line); background: #fff; display: block; }
img.still { display: block; width: 100%; height: auto; border: 1px solid var(--line); }
img.sheet { display: block; max-width: 100%; border: 1px solid var(--line); }
img.scope { display: block; width: 300px; height: auto; background: #000; border: 1px solid #333; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 10px; }
.pair figure { margin: 0; }
.wipe { position: relative; display: inline-block; line-height: 0; border: 1px solid var(--line); }
.wipe img { display: block; max-width: none; }
.wipe .top { position: absolute; top: 0; left: 0; bottom: 0; width: 50%; overflow: hidden; resize: horizontal;
             min-width: 12px; max-width: 100%; border-right: 2px solid #ffd400; }
.wipe .tag { position: absolute; top: 8px; line-height: 1.2; font-size: 11px; background: rgba(0,0,0,.6);
             color: #fff; padding: 2px 6px; border-radius: 2px; }
.wipe .tag.l { left: 8px; } .wipe .tag.r { right: 8px; }
.scopes { display: grid; grid-template-columns: repeat(4, auto); gap: 10px; justify-content: start; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 3px 18px; font-size: 13px; margin: 8px 0; }
dl.kv dt { color: var(--muted); } dl.kv dd { margin: 0; font-family: "DejaVu Sans Mono", monospace; font-size: 12px;
  word-break: break-all; }
.signoff { display: grid; grid-template-columns: repeat(3, 1fr); gap: 28px; margin: 22px 0 8px 0; }
.signoff div { border-top: 1px solid var(--ink); padding-top: 4px; font-size: 12px; color: var(--muted); height: 48px; }
nav.toc { font-size: 12.5px; padding: 10px 32px; border-bottom: 1px solid var(--line); background: #f7f9fb; }
nav.toc a { color: var(--accent); text-decoration: none; margin-right: 14px; white-space: nowrap; }
.muted { color: var(--muted); }
@media print { body { background: #fff; } .page { box-shadow: none; max-width: none; }
  section { page-break-inside: avoid; } .wipe .top { resize: none; } }
)CSS";
  return css;
}

}  // namespace filmrecover::report
