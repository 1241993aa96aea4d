/**
 * The demo network's own look, inline so the page stands alone like another website would: no
 * shared stylesheet, so nobody mistakes it for Passerelle's interface.
 */
export const demoNetworkCss = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#eef0f6;color:#14161f;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:#4338ca}
.bar{position:sticky;top:0;z-index:2;background:#1e1b4b;color:#fff;box-shadow:0 1px 0 rgba(0,0,0,.2)}
.bar-inner{max-width:680px;margin:0 auto;padding:10px 16px;display:flex;align-items:center;gap:12px}
.logo{display:flex;white-space:nowrap;align-items:center;gap:8px;color:#fff;text-decoration:none;font-weight:700;font-size:17px;letter-spacing:.2px}
.logo-mark{display:inline-grid;place-items:center;width:28px;height:28px;border-radius:8px;background:linear-gradient(135deg,#a78bfa,#22d3ee);color:#1e1b4b;font-size:16px}
.pill{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.6px;padding:2px 8px;border-radius:999px;background:#fbbf24;color:#1e1b4b}
.spacer{flex:1}
.langs{display:flex;gap:2px;font-size:13px}
.langs a{color:#c7d2fe;text-decoration:none;padding:3px 7px;border-radius:6px}
.langs a[aria-current="true"]{background:rgba(255,255,255,.16);color:#fff;font-weight:600}
.btn{display:inline-block;border:0;border-radius:999px;padding:7px 14px;font:inherit;font-weight:600;font-size:14px;text-decoration:none;cursor:pointer;background:#6366f1;color:#fff}
.btn:hover{background:#4f46e5}
.btn-ghost{background:transparent;color:#4338ca;border:1px solid #c7d2fe}
.btn-ghost:hover{background:#eef2ff}
main{max-width:680px;margin:0 auto;padding:18px 16px 48px}
.intro{background:#fff;border:1px solid #dfe3ee;border-radius:14px;padding:14px 18px;margin-bottom:16px}
.intro h1{font-size:19px;margin:0 0 4px}
.intro p{margin:0;color:#4b5163;font-size:14px}
.intro .muted{color:#7a8194;font-size:13px;margin-top:6px}
.thread{background:#fff;border:1px solid #dfe3ee;border-radius:14px;margin-bottom:12px;overflow:hidden}
.post{display:grid;grid-template-columns:44px 1fr;gap:12px;padding:14px 18px;position:relative}
.post:target{background:#fffbe6;box-shadow:inset 3px 0 0 #fbbf24}
.avatar{width:44px;height:44px;border-radius:50%;display:grid;place-items:center;color:#fff;font-weight:700;font-size:16px;text-transform:uppercase;user-select:none}
.avatar-brand{background:linear-gradient(135deg,#f59e0b,#ef4444);border-radius:12px}
.head{display:flex;flex-wrap:wrap;align-items:baseline;gap:2px 6px;min-width:0}
.name{font-weight:700;color:#14161f}
.handle,.meta{color:#6b7285;font-size:14px}
.meta a{color:inherit;text-decoration:none}
.meta a:hover{text-decoration:underline}
.dot{color:#a3a9b8}
.badge{display:inline-flex;align-items:center;gap:4px;font-size:13px;font-weight:700;padding:1px 9px;border-radius:999px;background:#fef3c7;color:#92400e;border:1px solid #fcd34d}
.badge svg{width:12px;height:12px}
.replying{color:#6b7285;font-size:13px;margin-top:1px}
.text{margin:4px 0 6px;white-space:pre-wrap;overflow-wrap:anywhere}
.actions{font-size:13px}
.actions a{color:#6b7285;text-decoration:none}
.actions a:hover{color:#4338ca;text-decoration:underline}
.replies{border-top:1px solid #eceef4;background:#fafbfd}
.replies .post{padding-left:74px;grid-template-columns:36px 1fr}
.replies .avatar{width:36px;height:36px;font-size:14px}
.replies .post::before{content:"";position:absolute;left:39px;top:0;bottom:0;width:2px;background:#dfe3ee}
.replies .post:last-child::before{bottom:calc(100% - 30px)}
.replies .post::after{content:"";position:absolute;left:39px;top:30px;width:35px;height:2px;background:#dfe3ee}
.thread.has-replies>.post::before{content:"";position:absolute;left:39px;top:62px;bottom:0;width:2px;background:#dfe3ee}
.post.by-brand{background:#f5f3ff}
.post.by-brand:target{background:#fffbe6}
.empty{text-align:center;color:#6b7285;padding:40px 16px}
.card{background:#fff;border:1px solid #dfe3ee;border-radius:14px;padding:18px}
.card h1{font-size:19px;margin:0 0 6px}
.hint{color:#4b5163;font-size:14px;margin:0 0 14px}
label{display:block;font-weight:600;font-size:14px;margin:12px 0 4px}
textarea,input[type=text]{width:100%;font:inherit;padding:9px 11px;border:1px solid #c9cfdd;border-radius:10px;background:#fff}
textarea{min-height:120px;resize:vertical}
textarea:focus,input:focus{outline:2px solid #818cf8;outline-offset:1px;border-color:#818cf8}
.form-actions{display:flex;gap:10px;align-items:center;margin-top:16px}
.quote{border:1px solid #e3e6ef;border-radius:10px;margin:10px 0 4px;background:#fafbfd}
.quote .post{padding:10px 12px}
.error{background:#fef2f2;border:1px solid #fecaca;color:#991b1b;border-radius:10px;padding:10px 12px;margin-bottom:12px}
.error ul{margin:4px 0 0;padding-left:18px}
.skip{position:absolute;left:-999px}
.skip:focus{left:8px;top:8px;z-index:3;background:#fff;padding:6px 10px;border-radius:6px}
@media (max-width:520px){.bar-inner{gap:8px}.logo{font-size:16px}.replies .post{padding-left:30px}.replies .post::before,.replies .post::after,.thread.has-replies>.post::before{display:none}.post{padding:12px 14px}}
`;
