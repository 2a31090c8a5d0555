/* Checks a podfmt page from inside headless Chromium.  pages_chromium.sh
 * puts this script, after a line setting EXPECT, into a COPY of the page
 * (the page itself forbids every script); the results go into
 * <pre id="podfmt-check"> as "ok - ..." / "not ok - ..." lines, which the
 * shell reads from chromium --dump-dom.
 *
 * EXPECT: { toc: number of TOC links, colors: {class: "rgb(...)"} or
 *           null, bars: number of bars in the talk-time chart,
 *           background: "rgb(...)" of the body, title: the page's
 *           title, hostile: true for the hostile transcript } */
(function () {
  var out = [];
  function ok(cond, what) { out.push((cond ? 'ok - ' : 'not ok - ') + what); }
  function color(el, prop) { return getComputedStyle(el)[prop]; }
  function speakerClass(el) {
    var m = /(^|\s)(speaker-[^\s]+)/.exec(el.getAttribute('class') || '');
    return m ? m[2] : null;
  }
  var E = window.EXPECT || {};
  try { run(); } catch (e) { ok(false, 'check.js failed: ' + e); }
  var pre = document.createElement('pre');
  pre.id = 'podfmt-check';
  pre.textContent = '\n' + out.join('\n') + '\n';
  document.body.appendChild(pre);

  function run() {
  var mine = document.getElementById('podfmt-checker');

  /* ---- no script ran, none is there to run ------------------------- */
  var scripts = Array.prototype.filter.call(
    document.querySelectorAll('script'), function (s) { return s !== mine && s.id !== 'podfmt-expect'; });
  ok(scripts.length === 0, 'no <script> element from the page (' + scripts.length + ')');
  var onattrs = [], badurls = [], frames = 0;
  Array.prototype.forEach.call(document.querySelectorAll('*'), function (el) {
    if (el === mine || el.id === 'podfmt-expect') return;
    Array.prototype.forEach.call(el.attributes, function (a) {
      var n = a.name.toLowerCase();
      if (n.indexOf('on') === 0) onattrs.push(el.tagName + ' ' + n);
      if ((n === 'href' || n === 'src' || n === 'action' || n === 'formaction' ||
           n === 'xlink:href' || n === 'data') &&
          !/^(https?:|#|$)/i.test(a.value.trim())) badurls.push(n + '=' + a.value);
    });
    if (/^(IFRAME|OBJECT|EMBED|IMG|FORM|INPUT|BUTTON|BASE|LINK|META)$/.test(el.tagName) &&
        !(el.tagName === 'META' && el.parentNode === document.head))
      frames++;
  });
  ok(onattrs.length === 0, 'no on* attribute (' + onattrs.slice(0, 3).join(', ') + ')');
  ok(badurls.length === 0, 'every link is http(s), a fragment or empty (' + badurls.slice(0, 3).join(', ') + ')');
  ok(frames === 0, 'no img, iframe, object, form or base element (' + frames + ')');
  ok(document.title !== 'PWNED' && (E.title === undefined || document.title === E.title),
     'the title is the text it was given, not changed by a script: "' + document.title.slice(0, 60) + '"');
  if (E.hostile) {
    var text = document.body.textContent;
    ok(text.indexOf("\u003cscript>document.title='PWNED'\u003c/script>") >= 0,
       'the script tag of the transcript shows as text');
    ok(text.indexOf('Template {{title}} and {{body}}') >= 0,
       'template syntax in the text shows as written');
    ok(/Ben "The Hammer" O'Neil \{\{title\}\}/.test(text), 'a name with quotes shows as written');
  }

  /* ---- every TOC link lands on its section --------------------------- */
  var ids = {}, dup = [];
  Array.prototype.forEach.call(document.querySelectorAll('[id]'), function (el) {
    if (ids[el.id]) dup.push(el.id);
    ids[el.id] = 1;
  });
  ok(dup.length === 0, 'ids are unique (' + dup.join(', ') + ')');
  var links = document.querySelectorAll('nav#toc a');
  if (E.toc !== undefined)
    ok(links.length === E.toc, 'the TOC has ' + E.toc + ' links (' + links.length + ')');
  var root = document.scrollingElement;
  Array.prototype.forEach.call(links, function (a) {
    var id = decodeURIComponent(a.getAttribute('href').slice(1));
    var h = document.getElementById(id);
    if (!h || h.tagName !== 'H2' || !h.closest('article')) {
      ok(false, 'TOC link #' + id + ' has a section heading in the article');
      return;
    }
    var same = h.textContent.trim() === a.textContent.trim();
    window.scrollTo(0, 0);
    a.click();
    var margin = parseFloat(getComputedStyle(h).scrollMarginTop) || 0;
    var top = h.getBoundingClientRect().top;
    var want = Math.min(top + window.scrollY - margin, root.scrollHeight - window.innerHeight);
    var landed = decodeURIComponent(location.hash.slice(1)) === id;
    ok(same && landed && Math.abs(window.scrollY - want) <= 2 && top >= 0 && top < window.innerHeight,
       'TOC link "' + a.textContent.trim() + '" lands on its section (scrollY ' +
       Math.round(window.scrollY) + ', heading at ' + Math.round(top) + ')');
  });
  window.scrollTo(0, 0);

  /* ---- speakers show in their colours ----------------------------------- */
  var seen = {}, bad = [];
  function want(cls, got, where) {
    if (E.colors && E.colors[cls] && E.colors[cls] !== got)
      bad.push(where + ' ' + cls + ' ' + got + ' != ' + E.colors[cls]);
    if (seen[cls] && seen[cls] !== got) bad.push(where + ' ' + cls + ' ' + got + ' != ' + seen[cls]);
    seen[cls] = got;
  }
  var turns = document.querySelectorAll('.turn');
  var prev = null, clash = 0, named = 0;
  Array.prototype.forEach.call(turns, function (t) {
    var cls = speakerClass(t), cite = t.querySelector('cite');
    if (!cls || !cite) return;
    named++;
    var c = color(cite, 'color');
    want(cls, c, 'cite');
    want(cls, color(t, 'borderLeftColor'), 'border');
    if (prev && prev.cls !== cls && prev.c === c) clash++;
    prev = { cls: cls, c: c };
  });
  Array.prototype.forEach.call(document.querySelectorAll('ul.speakers li'), function (li) {
    want(speakerClass(li), color(li, 'color'), 'speaker list');
  });
  var bars = document.querySelectorAll('svg.talk-time rect');
  Array.prototype.forEach.call(bars, function (r) {
    var cls = speakerClass(r.parentNode);
    if (cls) want(cls, getComputedStyle(r).fill, 'bar');
  });
  if (E.colors)
    Object.keys(E.colors).forEach(function (cls) {
      if (!seen[cls]) bad.push(cls + ' not on the page');
    });
  ok(named > 0 && bad.length === 0, 'speakers show in their colours in ' + named +
     ' turns, the speaker list and the chart (' + bad.slice(0, 3).join('; ') + ')');
  ok(clash === 0, 'neighbouring turns of different speakers differ in colour (' + clash + ')');
  if (E.bars !== undefined)
    ok(bars.length === E.bars, 'the talk-time chart has ' + E.bars + ' bars (' + bars.length + ')');
  if (E.background)
    ok(color(document.body, 'backgroundColor') === E.background,
       'the page background is ' + E.background + ' (' + color(document.body, 'backgroundColor') + ')');
  }
})();
