// Live reload for pages served by `lectern serve` (never part of a build). Events from
// /__lectern/events: `reload` (data: {"pages":[{"url","title"}...],"more":n}, the pages a
// rebuild changed), `css` (swap stylesheets), `error` (the overlay's HTML).
// A changed open page is updated in place: the new page is fetched and morphed into the DOM
// (scroll, focus, open <details>, ticks and typed answers kept); a change of stylesheets or
// scripts in the head falls back to a full reload that keeps the scroll position. A change
// to other pages only shows a small "Updated" notice with a link.
(function () {
  var key = "lectern-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = parseInt(saved, 10);
    // instant: the theme scrolls smoothly, which would animate from the top on every reload
    var restore = function () { window.scrollTo({ top: y, behavior: "instant" }); };
    if (document.readyState === "complete") restore(); else addEventListener("load", restore);
  }
  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }
  function here() {
    var p = decodeURIComponent(location.pathname);
    return p.charAt(p.length - 1) === "/" ? p + "index.html" : p;
  }
  function clean(url, keepV) { // an asset's address without the reload markers
    var u = new URL(url, location.href);
    u.searchParams.delete("lectern-reload");
    if (!keepV) u.searchParams.delete("v");
    return u.pathname + u.search;
  }
  function assets(doc, keepV) {
    return Array.prototype.map.call(
      doc.querySelectorAll('link[rel="stylesheet"], script[src]:not([data-added])'),
      function (el) { return el.tagName + " " + clean(el.getAttribute("href") || el.getAttribute("src"), keepV); });
  }
  function data(src) { return /\/assets\/(course-data|progress-index)\.js/.test(src); }
  // The head's stylesheets and scripts: the same files -> swap changed stylesheets and data
  // scripts in place and go on (resolves when new data scripts ran); else null (reload).
  function sameHead(doc) {
    if (assets(document, false).join("\n") !== assets(doc, false).join("\n")) return null;
    var now = assets(document, true), next = assets(doc, true), waits = [];
    var els = document.querySelectorAll('link[rel="stylesheet"], script[src]:not([data-added])');
    for (var i = 0; i < now.length; i++) {
      if (now[i] === next[i]) continue;
      var el = els[i], url = next[i].slice(next[i].indexOf(" ") + 1);
      if (el.tagName === "LINK") { el.href = url; continue; }
      if (!data(url)) return null;
      waits.push(new Promise(function (done) {
        var s = document.createElement("script");
        s.src = url; s.onload = s.onerror = done;
        el.replaceWith(s);
      }));
    }
    return Promise.all(waits);
  }
  function kept(name, node) { // what the learner set: ticks, typed text, choices, open sections
    var tag = node.tagName;
    if ((tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || tag === "OPTION") &&
      (name === "checked" || name === "value" || name === "selected")) return false;
    if (tag === "DETAILS" && name === "open") return false;
  }
  // The search box's results are the search script's own; pages other than lessons and
  // modules are drawn by scripts (home, progress, certificate): those are reloaded.
  function skip(old) { return old.matches && old.matches("[data-search-results], [data-search-input]") ? false : undefined; }
  function morphable(doc) {
    var kind = /(?:^| )page-(lesson|module)(?: |$)/;
    return window.Idiomorph && kind.test(document.body.className) && kind.test(doc.body.className);
  }
  function morph(doc) {
    var ready = morphable(doc) && sameHead(doc);
    if (!ready) return reload();
    ready.then(function () {
      document.title = doc.title;
      Idiomorph.morph(document.body, doc.body, { callbacks: { beforeAttributeUpdated: kept, beforeNodeMorphed: skip } });
      // the theme's scripts set the page up again as after the back/forward cache
      window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
    });
  }
  function update() {
    fetch(location.href, { cache: "no-store" }).then(function (r) {
      if (!r.ok) return reload();
      return r.text().then(function (t) { morph(new DOMParser().parseFromString(t, "text/html")); });
    }).catch(reload);
  }
  // the site's interface text (assets/strings.js) when the page has it, else English
  function say(key, english, values) {
    return window.LT && LT.s && LT.s[key] !== undefined ? LT(key, values) : english;
  }
  function localise() {
    document.querySelectorAll(".error-overlay [data-lt]").forEach(function (p) {
      p.textContent = say(p.dataset.lt, p.textContent);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", localise);
  else localise();
  function toast(page) {
    var old = document.getElementById("lectern-updated");
    if (old) old.remove();
    var box = document.createElement("div"), a = document.createElement("a");
    box.id = "lectern-updated";
    box.setAttribute("role", "status");
    box.style.cssText = "position:fixed;bottom:1rem;inset-inline-end:1rem;z-index:2147483646;padding:.6rem .9rem;border-radius:.4rem;background:#1f2937;color:#fff;font:14px/1.4 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3)";
    var title = new DOMParser().parseFromString(page.title, "text/html").documentElement.textContent;
    box.textContent = say("serve_updated", "Updated: " + title, { title: title }) + " \u2014 ";
    a.href = page.url; a.textContent = say("serve_open", "open"); a.style.color = "#9cd3ff";
    box.appendChild(a);
    document.body.appendChild(box);
    setTimeout(function () { box.remove(); }, 8000);
  }
  var source = new EventSource("/__lectern/events");
  source.addEventListener("reload", function (e) {
    var d;
    try { d = JSON.parse(e.data); } catch (x) { return reload(); }
    var pages = d.pages || [], me = here();
    var mine = pages.some(function (p) { return p.url === me; });
    if (d.more || mine || document.querySelector(".error-overlay")) update();
    else if (pages.length) toast(pages[0]);
  });
  source.addEventListener("css", function () {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("lectern-reload", String(Date.now()));
      link.href = url.toString();
    });
  });
  source.addEventListener("error", function (e) {
    if (!e.data) return;
    var old = document.querySelector(".error-overlay");
    if (old) old.remove();
    document.body.insertAdjacentHTML("beforeend", e.data);
    localise();
  });
})();
