/**
 * The inbox's enhancement script: live updates over server-sent events (the rows are re-fetched
 * from the same URL, so filters keep applying) and keyboard shortcuts. Everything it does is also
 * reachable without it: links, buttons and a reload.
 */
export const inboxJs = `(function () {
  var root = document.querySelector('[data-inbox]');
  var help = document.getElementById('shortcuts');
  function rows() { return Array.prototype.slice.call(document.querySelectorAll('tr[data-case]')); }
  var current = -1;
  function select(i) {
    var list = rows();
    if (list.length === 0) return;
    current = Math.max(0, Math.min(list.length - 1, i));
    list.forEach(function (r, j) { r.classList.toggle('selected', j === current); r.setAttribute('aria-selected', j === current ? 'true' : 'false'); });
    var link = list[current].querySelector('a.case-text');
    if (link) link.focus({ preventScroll: false });
  }
  function selectedRow() { var list = rows(); return current >= 0 ? list[current] : null; }
  function caseUrl(hash) { var r = selectedRow(); return r ? '/cases/' + encodeURIComponent(r.getAttribute('data-case')) + (hash || '') : null; }
  function toggleHelp(show) { if (!help) return; help.hidden = show === undefined ? !help.hidden : !show; if (!help.hidden) { var b = help.querySelector('button'); if (b) b.focus(); } }
  if (help) { var close = help.querySelector('button'); if (close) close.addEventListener('click', function () { toggleHelp(false); }); }
  var onCase = document.querySelector('[data-case-page]');
  function openDetails(id) { var d = document.getElementById(id); if (d) { d.open = true; var f = d.querySelector('textarea, input, select'); if (f) f.focus(); } }
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = (e.target && e.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') { if (e.key === 'Escape') e.target.blur(); return; }
    var k = e.key;
    if (k === '?') { toggleHelp(); e.preventDefault(); return; }
    if (k === 'Escape') { toggleHelp(false); return; }
    if (root) {
      if (k === 'j') { select(current + 1); e.preventDefault(); }
      else if (k === 'k') { select(current - 1); e.preventDefault(); }
      else if (k === 'Enter' || k === 'o') { var u = caseUrl(''); if (u) location.href = u; }
      else if (k === 'c') { var r = selectedRow(); var f = r && r.querySelector('form.claim'); if (f) f.submit(); }
      else if (k === 'r') { var u1 = caseUrl('#reply-body'); if (u1) location.href = u1; }
      else if (k === 'e') { var u2 = caseUrl('#escalate'); if (u2) location.href = u2; }
      else if (k === 'i') { var u3 = caseUrl('#ignore'); if (u3) location.href = u3; }
    } else if (onCase) {
      if (k === 'c') { var cf = document.querySelector('form[action$="/claim"]'); if (cf) cf.submit(); }
      else if (k === 'r') { var ta = document.getElementById('reply-body'); if (ta) { ta.focus(); e.preventDefault(); } }
      else if (k === 'e') { openDetails('escalate'); e.preventDefault(); }
      else if (k === 'i') { openDetails('ignore'); e.preventDefault(); }
    }
  });
  if (onCase && location.hash) { var id = location.hash.slice(1); if (id === 'escalate' || id === 'ignore') openDetails(id); if (id === 'reply-body') { var t0 = document.getElementById('reply-body'); if (t0) t0.focus(); } }
  // The case page tells the server it is still open, so others see who is viewing.
  if (onCase) {
    var ping = onCase.getAttribute('data-presence');
    var csrf = onCase.getAttribute('data-csrf');
    if (ping) setInterval(function () { fetch(ping, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '_csrf=' + encodeURIComponent(csrf || ''), credentials: 'same-origin' }); }, 20000);
  }
  // Canned responses fill the composer without a reload.
  Array.prototype.forEach.call(document.querySelectorAll('[data-canned]'), function (a) {
    a.addEventListener('click', function (e) {
      var ta = document.getElementById(a.getAttribute('data-target'));
      if (!ta) return;
      e.preventDefault();
      ta.value = a.getAttribute('data-canned');
      ta.dispatchEvent(new Event('input'));
      ta.focus();
    });
  });
  if (!root || !window.EventSource) return;
  var live = document.getElementById('live');
  var labels = JSON.parse(root.getAttribute('data-events') || '{}');
  var pending = null;
  var es = new EventSource(root.getAttribute('data-stream'));
  // Says whether the stream is connected, so a page (and a test) knows updates will arrive.
  es.addEventListener('ready', function () { root.setAttribute('data-live', 'on'); });
  es.addEventListener('error', function () { root.setAttribute('data-live', 'off'); });
  es.addEventListener('inbox', function (ev) {
    var data = {};
    try { data = JSON.parse(ev.data); } catch (_) {}
    if (live) live.textContent = (labels.template || '{what}').replace('{what}', labels[data.action] || labels.other || '');
    clearTimeout(pending);
    pending = setTimeout(refresh, 400);
  });
  function refresh() {
    var keep = {};
    Array.prototype.forEach.call(document.querySelectorAll('input[name="caseIds"]:checked'), function (c) { keep[c.value] = true; });
    var selectedId = selectedRow() && selectedRow().getAttribute('data-case');
    fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        ['results', 'views', 'count'].forEach(function (id) {
          var fresh = doc.getElementById(id), old = document.getElementById(id);
          if (fresh && old) old.innerHTML = fresh.innerHTML;
        });
        Array.prototype.forEach.call(document.querySelectorAll('input[name="caseIds"]'), function (c) { if (keep[c.value]) c.checked = true; });
        var list = rows(); current = -1;
        list.forEach(function (r, j) { if (r.getAttribute('data-case') === selectedId) current = j; });
        if (current >= 0) list[current].classList.add('selected');
      });
  }
})();
`;
