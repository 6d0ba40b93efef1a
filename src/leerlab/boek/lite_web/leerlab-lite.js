/* Leerlab in je browser: compatibility check, loading message and a reset button on the
   JupyterLite page. Plain script, no network. */
(function () {
  "use strict";
  var STORAGE_PREFIX = "JupyterLite Storage";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function tooOld() {
    try {
      return !(typeof WebAssembly === "object" && typeof WebAssembly.instantiate === "function" &&
        typeof BigInt64Array === "function" && typeof Worker === "function" &&
        typeof Promise.allSettled === "function" && typeof globalThis === "object" &&
        typeof indexedDB === "object");
    } catch (e) { return true; }
  }

  function storageWorks() {
    return new Promise(function (resolve) {
      try {
        localStorage.setItem("leerlab-test", "1");
        localStorage.removeItem("leerlab-test");
        var req = indexedDB.open("leerlab-test");
        req.onerror = function () { resolve(false); };
        req.onsuccess = function () {
          req.result.close();
          try { indexedDB.deleteDatabase("leerlab-test"); } catch (e) { /* fine */ }
          resolve(true);
        };
      } catch (e) { resolve(false); }
    });
  }

  function problem(text) {
    var box = el("div", { "class": "leerlab-lite-probleem", role: "alert" });
    box.appendChild(el("h1", {}, "Dit werkt niet in deze browser"));
    box.appendChild(el("p", {}, text));
    var back = el("a", { href: "../../index.html" }, "Terug naar het boek");
    var p = el("p", {});
    p.appendChild(back);
    box.appendChild(p);
    document.body.appendChild(box);
    var status = document.getElementById("leerlab-lite-status");
    if (status) { status.remove(); }
  }

  function kernelIdle() {
    try {
      var widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
      var kernel = widget && widget.sessionContext && widget.sessionContext.session &&
        widget.sessionContext.session.kernel;
      if (window.jupyterapp) {
        return !!kernel && kernel.status === "idle" && kernel.connectionStatus === "connected";
      }
    } catch (e) { return false; }
    var nodes = document.querySelectorAll(".jp-Notebook-ExecutionIndicator");
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].getAttribute("data-status") === "idle") { return true; }
    }
    return false;
  }

  function startStatus() {
    var box = el("div", { id: "leerlab-lite-status", "class": "leerlab-lite-status",
      role: "status", "aria-live": "polite" });
    var started = Date.now();
    box.textContent = "Python wordt in je browser geladen. De eerste keer duurt dat ongeveer een halve minuut.";
    document.body.appendChild(box);
    var timer = setInterval(function () {
      if (kernelIdle()) {
        box.textContent = "Python is klaar. Kies Run \u2192 Run All Cells.";
        box.setAttribute("data-klaar", "1");
        clearInterval(timer);
        setTimeout(function () { box.classList.add("leerlab-lite-weg"); }, 4000);
        return;
      }
      var seconds = Math.round((Date.now() - started) / 1000);
      if (seconds > 0 && seconds % 5 === 0) {
        box.textContent = "Python wordt in je browser geladen (" + seconds +
          " s). De eerste keer duurt dat ongeveer een halve minuut.";
      }
    }, 1000);
  }

  function resetAll() {
    var ok = window.confirm("Weet je het zeker? Al je werk in deze browser wordt gewist. " +
      "Download eerst wat je wilt bewaren (File \u2192 Download).");
    if (!ok) { return; }
    var done = function () { window.location.reload(); };
    try { Object.keys(localStorage).forEach(function (k) { if (k.indexOf(STORAGE_PREFIX) === 0) { localStorage.removeItem(k); } }); } catch (e) { /* fine */ }
    if (indexedDB.databases) {
      indexedDB.databases().then(function (list) {
        var names = list.map(function (d) { return d.name; })
          .filter(function (n) { return n && n.indexOf(STORAGE_PREFIX) === 0; });
        Promise.all(names.map(function (n) {
          return new Promise(function (r) { var q = indexedDB.deleteDatabase(n); q.onsuccess = q.onerror = q.onblocked = r; });
        })).then(done);
      });
    } else {
      var q = indexedDB.deleteDatabase(STORAGE_PREFIX);
      q.onsuccess = q.onerror = q.onblocked = done;
    }
  }

  function toolbar() {
    var nav = el("nav", { "class": "leerlab-lite-balk", "aria-label": "Leerlab" });
    nav.appendChild(el("a", { href: "../../index.html" }, "Terug naar het boek"));
    var reset = el("button", { type: "button", id: "leerlab-lite-reset" }, "Begin opnieuw (wis mijn werk)");
    reset.addEventListener("click", resetAll);
    nav.appendChild(reset);
    document.body.appendChild(nav);
  }

  /* Two gaps in JupyterLab 4.4's landmarks, mended from outside: the notebook's cell list has
     role "feed" but its cells no role (a feed may only hold articles, WAI-ARIA), and the
     "skip to main panel" link sits outside every landmark. */
  function repairRoles() {
    var fix = function () {
      document.querySelectorAll("[role='feed'] > .jp-Cell:not([role])").forEach(function (c) {
        c.setAttribute("role", "article");
      });
      document.querySelectorAll(".jp-skiplink-wrapper:not([role])").forEach(function (w) {
        w.setAttribute("role", "navigation");
        w.setAttribute("aria-label", "Overslaan");
      });
    };
    fix();
    new MutationObserver(fix).observe(document.body, { subtree: true, childList: true });
  }

  function start() {
    toolbar();
    repairRoles();
    if (tooOld()) {
      problem("Je browser is te oud voor Python in de browser. Gebruik een recente versie van " +
        "Chrome, Edge, Firefox of Safari. Of download de opdracht en werk in JupyterLab.");
      return;
    }
    startStatus();
    storageWorks().then(function (works) {
      if (!works) {
        problem("Je browser staat niet toe dat deze pagina iets bewaart (opslag is geblokkeerd, " +
          "bijvoorbeeld in een priv\u00e9venster of door een instelling). Zonder opslag raak je je " +
          "werk kwijt. Sta opslag toe voor deze site of gebruik een gewoon venster.");
      }
    });
  }

  window.leerlabLite = { kernelIdle: kernelIdle, reset: resetAll };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
