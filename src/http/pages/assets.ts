import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { appCss } from './styles';

/**
 * The one enhancement script: a live character counter under textareas that carry `data-max`.
 * Everything works without it; the server checks the length again with the network's own rule.
 */
export const appJs = `(function () {
  var fields = document.querySelectorAll('textarea[data-max]');
  for (var i = 0; i < fields.length; i++) {
    (function (ta) {
      var out = document.getElementById(ta.getAttribute('data-counter'));
      if (!out) return;
      var max = Number(ta.getAttribute('data-max'));
      var template = ta.getAttribute('data-template') || '{n} / {max}';
      function update() {
        var n = Array.from(ta.value).length;
        out.textContent = template.replace('{n}', String(n)).replace('{max}', String(max));
        out.className = n > max ? 'counter over' : 'counter';
      }
      ta.addEventListener('input', update);
      update();
    })(fields[i]);
  }
  // A select marked data-switch shows only the parts of the page meant for its value (data-when):
  // a network's credential fields or query syntax. Hidden fieldsets are disabled, so never sent.
  var sw = document.querySelector('select[data-switch]');
  if (sw) {
    var parts = document.querySelectorAll('[data-when]');
    var apply = function () {
      for (var j = 0; j < parts.length; j++) {
        var on = parts[j].getAttribute('data-when').split(' ').indexOf(sw.value) !== -1;
        parts[j].hidden = !on;
        if (parts[j].tagName === 'FIELDSET') parts[j].disabled = !on;
      }
    };
    sw.addEventListener('change', apply);
    apply();
  }
  // The admin menu closes on a click elsewhere or on Escape, as menus do.
  var menu = document.querySelector('details.nav-menu');
  if (menu) {
    document.addEventListener('click', function (e) {
      if (menu.open && !menu.contains(e.target)) menu.open = false;
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && menu.open) {
        menu.open = false;
        menu.querySelector('summary').focus();
      }
    });
  }
})();
`;

/** Served from strings so the Workers build needs no file system; same bytes for every request. */
export function assetsApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/app.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(appCss);
  });
  app.get('/app.js', (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(appJs);
  });
  return app;
}
