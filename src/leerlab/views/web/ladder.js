/* Trap van Eigenaarschap: the in-page self-assessment (no kernel, no network).
 *
 * Thresholds, texts, items and the chart spec come from the Python model
 * (leerlab.ladder.browser_config, embedded as JSON in the page). The steps below mirror
 * leerlab.ladder.score and leerlab.ladder.melding; tests/test_ladder_browser.py answers
 * the built page and checks every shown number and sentence against Python.
 * Nothing is stored or sent: the answers live in this form only.
 */
(function () {
  "use strict";
  var root = document.currentScript.closest("[data-leerlab-script='ladder']");
  var cfg = JSON.parse(root.querySelector("script.trap-config").textContent);
  var spec = JSON.parse(root.querySelector("script.trap-spec").textContent);
  var form = root.querySelector("form");
  var $ = function (sel) { return root.querySelector(sel); };

  function perspective() {
    var checked = form.querySelector("input[name='trap-perspectief']:checked");
    return checked ? checked.value : "professional";
  }

  function itemsOf(persp) {
    return cfg.items.filter(function (i) { return i.perspectief === persp; });
  }

  function answers(persp) {
    var out = {};
    itemsOf(persp).forEach(function (item) {
      var checked = form.querySelector("input[name='trap-" + item.id + "']:checked");
      out[item.id] = checked && checked.value !== "" ? Number(checked.value) : null;
    });
    return out;
  }

  /* Mirror of leerlab.ladder.score. */
  function score(ans, persp) {
    var items = itemsOf(persp);
    var scores = {}, tekort = [], status = {};
    for (var n = 1; n <= 5; n++) {
      var values = items
        .filter(function (i) { return i.trede === n && ans[i.id] !== null; })
        .map(function (i) { return ans[i.id]; });
      if (values.length < cfg.nodig[persp][String(n)]) {
        scores[n] = null;
        tekort.push(n);
      } else {
        var sum = values.reduce(function (a, b) { return a + b; }, 0);
        scores[n] = sum / (values.length * cfg.maxAntwoord);
      }
    }
    var ontbrekend = items.filter(function (i) { return ans[i.id] === null; })
      .map(function (i) { return i.id; });
    var positie = null;
    if (tekort.length === 0) {
      positie = 0;
      for (n = 1; n <= 5; n++) { if (scores[n] >= cfg.drempelBereikt) { positie = n; } }
    }
    for (n = 1; n <= 5; n++) {
      var s = scores[n];
      if (s === null) { status[n] = "onbekend"; }
      else if (positie !== null && n === positie) { status[n] = "positie"; }
      else if (s >= cfg.drempelBereikt) { status[n] = "bereikt"; }
      else if (s >= cfg.drempelDeels) { status[n] = "deels"; }
      else { status[n] = "niet"; }
    }
    var gemengd = false, opWeg = null;
    if (positie !== null) {
      for (n = 1; n < positie; n++) {
        if (status[n] === "deels" || status[n] === "niet") { gemengd = true; }
      }
      for (n = positie + 1; n <= 5; n++) {
        if (scores[n] !== null && scores[n] >= cfg.drempelDeels) { opWeg = n; }
      }
    }
    return { perspectief: persp, scores: scores, status: status, positie: positie,
             ontbrekend: ontbrekend, tekort: tekort, gemengd: gemengd, opWegNaar: opWeg };
  }

  function procent(s) { return s === null ? null : Math.round(s * 100); }

  /* Item ids as the numbers the reader sees, ascending (mirror of ladder._nummers). */
  function nummers(ids) {
    return cfg.items.filter(function (i) { return ids.indexOf(i.id) >= 0; })
      .map(function (i) { return i.nummer; })
      .sort(function (a, b) { return a - b; }).join(", ");
  }

  /* Mirror of leerlab.ladder.melding. */
  function melding(u) {
    if (u.positie === null) {
      return "Nog geen uitslag. Beantwoord minstens de helft van de stellingen bij elke trede. " +
        "Bij trede " + u.tekort.join(", ") + " is dat nog niet zo. Open stellingen: " +
        nummers(u.ontbrekend) + ".";
    }
    var d = cfg.duiding[u.positie];
    var text = u.positie === 0
      ? "Je situatie staat nog niet op de trap: geen trede is duidelijk bereikt."
      : "Je situatie staat op trede " + u.positie + ": " + d.titel.toLowerCase() + ".";
    text += " Het effect op mensen: " + cfg.effect[u.positie] + ".";
    if (u.opWegNaar) { text += " Trede " + u.opWegNaar + " is deels bereikt."; }
    if (u.gemengd) {
      text += " Let op: het beeld is gemengd, want een lagere trede is niet bereikt.";
    }
    if (u.ontbrekend.length) {
      text += " Niet beantwoord: stelling " + nummers(u.ontbrekend) + ".";
    }
    return text;
  }

  /* Mirror of leerlab.ladder_charts.trap_rijen and uitslag_beschrijving. */
  function rows(u) {
    return cfg.treden.map(function (t) {
      return { trede: t.nummer, naam: t.naam, score: procent(u.scores[t.nummer]),
               status: cfg.statusLabel[u.status[t.nummer]] };
    });
  }

  function describe(u) {
    var parts = rows(u).map(function (r) {
      return "trede " + r.naam + ": " +
        (r.score === null ? "geen score" : r.score + " procent") + ", " + r.status;
    });
    return melding(u) + " Scores per trede: " + parts.join("; ") + ".";
  }

  /* Mirror of leerlab.ladder.Uitslag.samenvatting. */
  function summary(u) {
    var scores = {}, status = {};
    for (var n = 1; n <= 5; n++) { scores[n] = procent(u.scores[n]); status[n] = u.status[n]; }
    var out = { positie: u.positie, scores: scores, status: status, gemengd: u.gemengd,
                op_weg_naar: u.opWegNaar, ontbrekend: u.ontbrekend, tekort: u.tekort };
    if (u.positie !== null) {
      out.titel = cfg.duiding[u.positie].titel;
      out.effect = cfg.effect[u.positie];
    }
    return out;
  }

  /* The chart is embedded once; later answers only swap its five data rows. Redraws
   * are batched per animation frame, so arrow-key browsing stays quick. */
  var view = null, pending = null, queued = false, embedding = false;
  function redraw() {
    queued = false;
    var vis = $(".leerlab-vis"), values = pending;
    if (embedding) { return; }
    if (view) {
      view.data(cfg.dataNaam, values).runAsync().then(function () {
        vis.dataset.versie = String(Number(vis.dataset.versie || 0) + 1);
      });
      return;
    }
    if (typeof vegaEmbed === "undefined") {
      vis.textContent = "De grafiek kan hier niet getoond worden. De tekst eronder zegt hetzelfde.";
      return;
    }
    var copy = JSON.parse(JSON.stringify(spec));
    copy.data.values = values;
    embedding = true;
    vegaEmbed(vis, copy, { actions: false, renderer: "svg" }).then(function (result) {
      embedding = false;
      view = result.view;
      vis.__leerlabView = view;
      vis.dataset.ready = "1";
      if (pending !== values) { queue(pending); }
      vis.dataset.versie = "1";
    }).catch(function (err) {
      embedding = false;
      vis.textContent = "De grafiek kan hier niet getoond worden (" + err + ").";
    });
  }

  function queue(values) {
    pending = values;
    if (!queued) {
      queued = true;
      (window.requestAnimationFrame || setTimeout)(redraw);
    }
  }

  function draw(u) {
    $(".trap-grafiek-tekst").textContent = describe(u);
    queue(rows(u));
  }

  var current = null;
  function update() {
    var persp = perspective();
    root.querySelectorAll("[data-perspectief]").forEach(function (block) {
      block.hidden = block.getAttribute("data-perspectief") !== persp;
    });
    var u = score(answers(persp), persp);
    current = u;
    var msg = $(".trap-melding");
    msg.textContent = melding(u);
    msg.dataset.positie = u.positie === null ? "" : String(u.positie);
    var known = u.positie !== null;
    $(".trap-positie").textContent = known
      ? (u.positie === 0 ? "nog niet op de trap" : "trede " + u.positie + ": " +
         cfg.duiding[u.positie].titel)
      : "nog geen uitslag";
    $(".trap-effect").textContent = known ? cfg.effect[u.positie] : "-";
    $(".trap-duiding").textContent = known ? cfg.duiding[u.positie].duiding : "-";
    $(".trap-stap").textContent = known ? cfg.duiding[u.positie].volgende_stap : "-";
    rows(u).forEach(function (r) {
      var tr = $("tr[data-trede='" + r.trede + "']");
      tr.querySelector(".trap-score").textContent = r.score === null ? "-" : r.score + "%";
      tr.querySelector(".trap-status").textContent = r.status;
    });
    draw(u);
  }

  function situation() {
    var input = $("input.trap-situatie");
    var name = input.value.trim();
    var error = $(".trap-fout");
    if (!name) {
      error.textContent = "Geef de situatie eerst een naam. Die naam komt in het bestand.";
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return null;
    }
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    return name;
  }

  function slug(text) {
    var s = text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return s.slice(0, 40) || "situatie";
  }

  function save(content, type, ext, name) {
    var blob = new Blob([content], { type: type });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "trap-" + slug(name) + "-" + perspective() + "." + ext;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    $(".trap-status-download").textContent = "Bestand gemaakt: " + link.download + ".";
  }

  /* Mirror of leerlab.ladder.naar_json (json.dumps with indent=2). */
  function toJson(name) {
    var persp = perspective(), ans = answers(persp), ordered = {};
    itemsOf(persp).forEach(function (i) { ordered[i.id] = ans[i.id]; });
    return JSON.stringify({ formaat: cfg.formaat, situatie: name, perspectief: persp,
                            antwoorden: ordered, uitslag: summary(current) }, null, 2) + "\n";
  }

  function csvField(value) {
    var s = value === null || value === undefined ? "" : String(value);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /* Mirror of leerlab.ladder.naar_csv. */
  function toCsv(name) {
    var persp = perspective(), ans = answers(persp), sum = summary(current);
    var row = { situatie: name, perspectief: persp, positie: sum.positie,
                titel: sum.titel || "" };
    for (var n = 1; n <= 5; n++) { row["score_" + n] = sum.scores[n]; }
    Object.keys(ans).forEach(function (id) { row[id] = ans[id]; });
    var cols = cfg.csvKolommen[persp];
    return cols.join(",") + "\n" +
      cols.map(function (c) { return csvField(row[c]); }).join(",") + "\n";
  }

  form.addEventListener("change", update);
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  $(".trap-json").addEventListener("click", function () {
    var name = situation();
    if (name) { save(toJson(name), "application/json", "json", name); }
  });
  $(".trap-csv").addEventListener("click", function () {
    var name = situation();
    if (name) { save(toCsv(name), "text/csv", "csv", name); }
  });
  $(".trap-print").addEventListener("click", function () { window.print(); });
  update();
})();
