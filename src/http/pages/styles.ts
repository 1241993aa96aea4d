/** The whole stylesheet: calm, dense, system fonts, no external request. */
export const appCss = `
:root {
  --bg: #f5f6f8; --panel: #fff; --text: #1c232b; --muted: #5d6875; --line: #e2e6eb; --line-strong: #cfd5dc;
  --accent: #1f5fbf; --accent-weak: #e9f0fb; --ok: #1d7a4d; --ok-weak: #e6f4ec;
  --warn: #9a5b00; --warn-weak: #fdf3e1; --danger: #b42318; --danger-weak: #fdecea;
  --neg: #d1495b; --neu: #a3adb8; --pos: #2e9e6b; --top: #1d2733;
}
* { box-sizing: border-box; }
html { font-size: 14px; -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--text); line-height: 1.45;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
}
a { color: var(--accent); text-underline-offset: 2px; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 2px solid #6ea8fe; outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 8px; top: 8px; z-index: 10; background: #fff; padding: 6px 10px; border-radius: 4px; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.nowrap { white-space: nowrap; }

/* Header */
.top { background: var(--top); color: #e9eef4; }
.top-inner { max-width: 1280px; margin: 0 auto; padding: 0 20px; display: flex; align-items: center; gap: 20px; min-height: 48px; flex-wrap: wrap; }
.brand { color: #fff; font-weight: 700; text-decoration: none; letter-spacing: .02em; font-size: 15px; }
.nav { display: flex; gap: 4px; }
.nav a { color: #c5d0dc; text-decoration: none; padding: 13px 8px 11px; border-bottom: 2px solid transparent; }
.nav a:hover { color: #fff; }
.nav a[aria-current="page"] { color: #fff; border-bottom-color: #6ea8fe; }
.nav-menu { position: relative; }
.nav-menu summary { color: #c5d0dc; cursor: pointer; padding: 13px 8px 11px; border-bottom: 2px solid transparent; list-style: none; }
.nav-menu summary::-webkit-details-marker { display: none; }
.nav-menu summary::after { content: " ▾"; font-size: 11px; }
.nav-menu summary:hover, .nav-menu[open] summary { color: #fff; }
.nav-menu summary.current { color: #fff; border-bottom-color: #6ea8fe; }
.nav-menu-list { position: absolute; right: 0; top: 100%; z-index: 20; min-width: 200px; background: var(--top); border-radius: 0 0 6px 6px; box-shadow: 0 6px 18px rgba(0,0,0,.25); display: flex; flex-direction: column; padding: 4px 0; }
.nav-menu-list a { padding: 9px 14px; border-bottom: 0; border-left: 3px solid transparent; white-space: nowrap; }
.nav-menu-list a[aria-current="page"] { border-left-color: #6ea8fe; border-bottom-color: transparent; }
.who { margin-left: auto; display: flex; align-items: center; gap: 14px; font-size: 13px; }
.who { white-space: nowrap; }
/* Name over role: French labels are long, and one header line must hold the nav at 1280 px. */
.who-name { display: flex; flex-direction: column; line-height: 1.25; }
.who .role { color: #9fb0c2; font-size: 11.5px; }
.lang { display: flex; gap: 2px; }
.lang a { color: #c5d0dc; text-decoration: none; padding: 2px 6px; border-radius: 3px; font-size: 12px; }
.lang a[aria-current="true"] { background: #3a4858; color: #fff; }
.top form { margin: 0; }
.btn-top { background: transparent; color: #e9eef4; border: 1px solid #4a5a6d; border-radius: 4px; padding: 3px 9px; font: inherit; font-size: 12px; cursor: pointer; }
.btn-top:hover { background: #2c3948; }

/* Page */
main { max-width: 1280px; margin: 0 auto; padding: 18px 20px 48px; }
h1 { font-size: 20px; margin: 0 0 12px; font-weight: 650; }
h2 { font-size: 14px; margin: 0 0 10px; font-weight: 650; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
h3 { font-size: 14px; margin: 0 0 6px; }
.page-head { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; margin-bottom: 12px; }
.page-head h1 { margin: 0; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px; margin-bottom: 14px; }
.panel > :last-child { margin-bottom: 0; }
.grid { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 14px; align-items: start; }
.grid-3 { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 14px; }
@media (max-width: 960px) { .grid, .grid-3 { grid-template-columns: 1fr; } }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }

/* Notices */
.notice { border-radius: 6px; padding: 9px 12px; margin: 0 0 14px; border: 1px solid; }
.notice p { margin: 0; }
.notice ul { margin: 4px 0 0; padding-left: 20px; }
.notice-ok { background: var(--ok-weak); border-color: #b7dfc8; color: #135c39; }
.notice-error { background: var(--danger-weak); border-color: #f3c1bb; color: #8a1c12; }
.notice-info { background: var(--accent-weak); border-color: #c7d8f3; color: #1b3f78; }
.notice-warn { background: var(--warn-weak); border-color: #f2d7a6; color: #6e4100; }

/* Badges and chips */
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 11.5px; line-height: 18px; background: #eef1f4; color: #3a4550; border: 1px solid #dde2e7; white-space: nowrap; }
.badge-accent { background: var(--accent-weak); color: #1b4d99; border-color: #cadaf3; }
.badge-ok { background: var(--ok-weak); color: #17643f; border-color: #bfe2cf; }
.badge-warn { background: var(--warn-weak); color: var(--warn); border-color: #f2d7a6; }
.badge-warn-soft { background: #fffaf0; color: var(--warn); border-color: #f2e2c2; border-style: dashed; }
.badge-neg { background: #fdeef0; color: #a8293a; border-color: #f4c7ce; }
.badge-pos { background: #e9f6ef; color: #1f7a50; border-color: #c3e5d2; }
.badge-muted { background: #f3f4f6; color: #6b7580; }
.badge-danger { background: var(--danger); color: #fff; border-color: var(--danger); font-weight: 600; }
.badge-ok-strong { background: var(--ok); color: #fff; border-color: var(--ok); font-weight: 600; }
.badges { display: flex; flex-wrap: wrap; gap: 4px; }
.prio { display: inline-block; min-width: 34px; text-align: center; font-weight: 700; font-variant-numeric: tabular-nums; border-radius: 4px; padding: 2px 6px; }
.prio-high { background: #fde3e1; color: #a3190d; }
.prio-medium { background: #fdf0d9; color: #8a5300; }
.prio-low { background: #eef1f4; color: #4b5663; }
.age { font-variant-numeric: tabular-nums; white-space: nowrap; }
.age .badge { margin-left: 6px; }

/* Buttons and forms */
button, .btn { font: inherit; font-size: 13px; border-radius: 5px; padding: 5px 12px; border: 1px solid var(--line-strong); background: #fff; color: var(--text); cursor: pointer; text-decoration: none; display: inline-block; line-height: 1.4; }
button:hover, .btn:hover { background: #f3f5f7; }
.btn-primary { background: var(--accent); border-color: var(--accent); color: #fff; }
.btn-primary:hover { background: #194f9f; }
.btn-danger { color: var(--danger); border-color: #eab3ad; }
.btn-danger:hover { background: var(--danger-weak); }
.btn-small { padding: 2px 9px; font-size: 12px; }
label { display: block; font-weight: 600; font-size: 12.5px; margin: 0 0 4px; }
input[type="text"], input[type="email"], input[type="password"], input[type="search"], input[type="url"], select, textarea {
  font: inherit; font-size: 13.5px; border: 1px solid var(--line-strong); border-radius: 5px; padding: 5px 8px; background: #fff; color: var(--text); width: 100%;
}
textarea { min-height: 92px; resize: vertical; line-height: 1.45; }
input[aria-invalid="true"], textarea[aria-invalid="true"], select[aria-invalid="true"] { border-color: var(--danger); }
.field { margin-bottom: 10px; }
.field-help { font-size: 12px; color: var(--muted); margin-top: 3px; display: flex; justify-content: space-between; gap: 8px; }
.field-error { font-size: 12px; color: var(--danger); margin-top: 3px; }
.counter { font-variant-numeric: tabular-nums; }
.counter.over { color: var(--danger); font-weight: 700; }
.row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.actions form + form { margin-top: 14px; padding-top: 14px; border-top: 1px solid var(--line); }
.actions details { border-top: 1px solid var(--line); padding-top: 10px; margin-top: 12px; }
.actions summary { cursor: pointer; font-weight: 600; }
.actions details[open] summary { margin-bottom: 8px; }
.inline { display: inline; margin: 0; }

/* Filters */
.filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-end; }
.filters .field { margin: 0; min-width: 120px; }
.filters input, .filters select { height: 30px; }
.filters .field label { font-weight: 500; color: var(--muted); font-size: 12px; }

/* Tables */
.table { border-collapse: collapse; width: 100%; background: var(--panel); }
.table th { text-align: left; font-size: 11.5px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600; padding: 8px 10px; border-bottom: 1px solid var(--line-strong); white-space: nowrap; }
.table td { padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
.table tbody tr:hover { background: #f8fafc; }
.table tbody th { text-transform: none; letter-spacing: 0; font-size: 13px; font-weight: 500; color: var(--text); border-bottom: 1px solid var(--line); }
details.data .table { max-width: 640px; margin-top: 8px; }
/* Positioned, so hidden labels inside a scrolled table stay inside it instead of widening the page. */
.table-wrap { position: relative; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; }
.table .num { text-align: right; font-variant-numeric: tabular-nums; }
.case-cell { min-width: 320px; }
.case-who { font-size: 12.5px; color: var(--muted); display: flex; gap: 8px; flex-wrap: wrap; }
.case-who strong { color: var(--text); }
.case-text { display: block; color: var(--text); text-decoration: none; margin-top: 2px; overflow-wrap: anywhere; }
.case-text:hover { color: var(--accent); text-decoration: underline; }

/* Thread */
.thread { list-style: none; margin: 0; padding: 0; }
.post { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin-bottom: 10px; background: #fff; }
.post-brand { background: #f3f7fd; border-color: #d3e0f5; margin-left: 36px; }
.post-head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; font-size: 12.5px; color: var(--muted); margin-bottom: 4px; }
.post-head strong { color: var(--text); }
.post-text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.history { list-style: none; margin: 0; padding: 0; }
.history li { display: flex; gap: 10px; padding: 5px 0; border-bottom: 1px dashed var(--line); font-size: 13px; }
.history li:last-child { border-bottom: 0; }
.history time { color: var(--muted); min-width: 130px; font-variant-numeric: tabular-nums; }
.item { border-bottom: 1px solid var(--line); padding: 8px 0; }
.item:first-of-type { padding-top: 0; }
.item:last-child { border-bottom: 0; padding-bottom: 0; }
.quote { white-space: pre-wrap; overflow-wrap: anywhere; background: #f7f8fa; border-left: 3px solid var(--line-strong); padding: 6px 10px; margin: 6px 0; }

/* Sign-in */
.login { max-width: 360px; margin: 8vh auto 0; }
.login .brand-big { font-size: 24px; font-weight: 700; margin: 0 0 2px; }
.login button { width: 100%; padding: 8px; }

/* Reports */
.segmented { display: inline-flex; border: 1px solid var(--line-strong); border-radius: 6px; overflow: hidden; }
.segmented a { padding: 4px 12px; text-decoration: none; color: var(--text); border-left: 1px solid var(--line-strong); background: #fff; }
.segmented a:first-child { border-left: 0; }
.segmented a[aria-current="page"] { background: var(--accent); color: #fff; }
.chart { width: 100%; height: auto; display: block; }
.chart text { font-family: inherit; font-size: 11px; fill: var(--muted); }
.legend { display: flex; gap: 14px; font-size: 12.5px; margin: 6px 0 0; padding: 0; list-style: none; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.bars { list-style: none; margin: 0; padding: 0; }
.bars li { display: grid; grid-template-columns: 120px 1fr 44px; gap: 8px; align-items: center; padding: 3px 0; font-size: 13px; }
.bar { height: 10px; border-radius: 3px; background: var(--accent); min-width: 2px; }
.bar-track { background: #f0f2f5; border-radius: 3px; }
.kpis { display: flex; gap: 40px; flex-wrap: wrap; }
.kpi { margin: 0; color: var(--muted); }
.kpi strong { color: var(--text); display: block; font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
details.data summary { cursor: pointer; color: var(--accent); margin-top: 10px; }
.error-page { max-width: 560px; margin: 6vh auto 0; }
.error-page .code { font-size: 13px; color: var(--muted); }

[hidden] { display: none !important; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; background: #f1f3f6; border-radius: 3px; padding: 0 4px; }
.break { overflow-wrap: anywhere; }
.lead { margin: 0 0 14px; max-width: 90ch; }

/* Pre-flight before a reply */
.actions > * + .preflight { margin-top: 12px; }
.preflight ul { list-style: none; padding-left: 0; margin: 4px 0 0; }
.preflight .preflight-bad { font-weight: 650; color: var(--danger); }

/* Admin: connections */
.broken-banner { background: var(--danger-weak); border: 2px solid var(--danger); border-left-width: 8px; border-radius: 6px; padding: 12px 16px; margin: 0 0 16px; color: #7a160d; }
.broken-banner h2 { color: var(--danger); text-transform: none; letter-spacing: 0; font-size: 17px; margin: 0 0 4px; }
.broken-banner p { margin: 0 0 6px; }
.broken-banner ul { margin: 0; padding-left: 20px; }
.broken-banner li { margin: 3px 0; overflow-wrap: anywhere; }
.broken-banner a { color: #7a160d; font-weight: 650; }
.admin-section { margin-bottom: 24px; }
.section-head { display: flex; align-items: center; gap: 12px; margin-bottom: 8px; }
.section-head h2 { margin: 0; }
.table tr.row-bad { background: #fff6f5; }
.table tr.row-bad:hover { background: #fdeeec; }
.table tr.row-bad > td:first-child { box-shadow: inset 4px 0 0 var(--danger); }
.health-cell { min-width: 240px; max-width: 420px; }
.health p { margin: 3px 0 0; }
.health-error { color: var(--danger); font-weight: 600; overflow-wrap: anywhere; }

/* Admin: forms */
.admin-form { max-width: 900px; }
.admin-form.narrow { max-width: 720px; }
.form-row { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0 14px; }
@media (max-width: 720px) { .form-row { grid-template-columns: 1fr; } }
.admin-form .field-help { display: block; }
.admin-form p.field-help, .admin-form p.field-error { margin: 3px 0 0; }
.admin-form .field-error { font-weight: 600; }
fieldset[aria-invalid="true"] { border-color: var(--danger); }
.optional { font-weight: 400; color: var(--muted); }
fieldset { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px 10px; margin: 0 0 12px; min-width: 0; }
legend { font-weight: 650; font-size: 12.5px; padding: 0 4px; }
.opening-day { display: grid; grid-template-columns: 110px 1fr; align-items: center; gap: 2px 10px; margin-bottom: 6px; }
.opening-day label { margin: 0; }
.opening-day .field-error { grid-column: 2; margin: 0; }
fieldset.cred-set { background: #fafbfc; }
.admin-form .creds p.field-help { margin: 0 0 8px; }
.cred-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 0 12px; }
.checks .row { gap: 16px; }
.target-row { flex-wrap: nowrap; }
.target-row input { width: 6.5em; flex: none; }
.target-row select { flex: 1; }
.admin-form p.field-help.after-row { margin: -4px 0 10px; }
label.check { display: inline-flex; gap: 6px; align-items: center; font-weight: 500; font-size: 13.5px; margin: 0; }
.syntax h3 { margin: 0 0 6px; }
.syntax section + section { border-top: 1px dashed var(--line); padding-top: 10px; margin-top: 10px; }
.syntax-list { display: grid; grid-template-columns: max-content 1fr; gap: 5px 12px; margin: 0 0 6px; font-size: 13px; }
.syntax-list dd { margin: 0; }
.preview { margin-top: 14px; }
`;
