/* Group profile in the browser, from exported self-test files (nothing is uploaded).
 *
 * Mirrors, step by step, leerlab.models.ladder (Resultaat reading, score, groepsprofiel),
 * Groepsprofiel.samenvatting and leerlab.views.ladder_charts
 * (groep_beschrijving). Thresholds, items and texts come from the embedded Python config.
 * tests/test_live_fallback.py feeds the same files to this page and to Python and
 * compares every number and sentence. Python's round() is mirrored (half to even).
 */
(function () {
  "use strict";
  var root = document.currentScript.closest("[data-leerlab-script='groep']");
  var cfg = JSON.parse(root.querySelector("script.groep-config").textContent);
  var $ = function (sel) { return root.querySelector(sel); };
  var PERSP = ["professional", "bewoner"];
  var COMPUTED = ["positie", "titel", "score_1", "score_2", "score_3", "score_4", "score_5"];

  /* Python's round(x, nd): correctly rounded, exact ties to even. */
  function pyRound(x, nd) {
    var sign = x < 0 ? -1 : 1, a = Math.abs(x);
    var s = a.toFixed(Math.min(100, nd + 60)), point = s.indexOf(".");
    var tail = s.slice(point + 1 + nd);
    if (/^50*$/.test(tail)) {
      var n = Number(s.slice(0, point) + s.slice(point + 1, point + 1 + nd));
      if (n % 2 === 1) { n += 1; }
      return sign * n / Math.pow(10, nd);
    }
    return sign * Number(a.toFixed(nd));
  }
  function fixed(x, nd) { return pyRound(x, nd).toFixed(nd); }
  /* f"{x:+.1f}": the sign of x survives rounding to zero ("-0.0"), as in Python. */
  function signed(x, nd) { return (x < 0 ? "-" : "+") + Math.abs(pyRound(x, nd)).toFixed(nd); }
  /* f"{round(x):+d}": an int, so no negative zero. */
  function signedInt(x) { var v = pyRound(x, 0); return (v < 0 ? "-" : "+") + Math.abs(v); }

  function itemsOf(p) { return cfg.items.filter(function (i) { return i.perspectief === p; }); }
  var allIds = cfg.items.map(function (i) { return i.id; });

  /* Mirror of Resultaat: returns {situatie, perspectief, antwoorden} or throws a Dutch text. */
  function resultaat(raw) {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      throw "dit is geen uitslag van de zelftest";
    }
    var r = {};
    Object.keys(raw).forEach(function (k) { r[k] = raw[k]; });
    if (r.formaat !== undefined && r.formaat !== null && r.formaat !== cfg.formaat) {
      throw "onbekend formaat '" + r.formaat + "'; verwacht '" + cfg.formaat + "'";
    }
    delete r.formaat; delete r.uitslag;
    COMPUTED.forEach(function (c) { delete r[c]; });
    if (!("antwoorden" in r)) {
      var gathered = {};
      Object.keys(r).forEach(function (k) {
        if (allIds.indexOf(k) >= 0) { gathered[k] = r[k]; delete r[k]; }
      });
      r.antwoorden = gathered;
    }
    var extra = Object.keys(r).filter(function (k) {
      return ["situatie", "perspectief", "antwoorden"].indexOf(k) < 0;
    });
    if (extra.length) { throw "veld '" + extra[0] + "': dit veld is niet toegestaan"; }
    if (typeof r.situatie !== "string" || r.situatie.length < 1 || r.situatie.length > 200) {
      throw "veld 'situatie': geef de situatie een naam (1 tot 200 tekens)";
    }
    if (PERSP.indexOf(r.perspectief) < 0) {
      throw "veld 'perspectief': kies 'professional' of 'bewoner'";
    }
    var answers = r.antwoorden;
    if (answers === null || typeof answers !== "object" || Array.isArray(answers)) {
      throw "veld 'antwoorden': dit moet een lijst van antwoorden per stelling zijn";
    }
    var clean = {};
    Object.keys(answers).forEach(function (k) {
      var v = answers[k];
      if (v === null || v === "" || v === "null") { clean[k] = null; return; }
      var n = typeof v === "boolean" ? Number(v) : Number(String(v).trim());
      if (typeof v === "string" && String(v).trim() === "") { n = NaN; }
      if (!isFinite(n) || Math.floor(n) !== n || n < 0 || n > cfg.maxAntwoord) {
        throw "antwoord op " + k + " moet een geheel getal van 0 tot " + cfg.maxAntwoord +
          " zijn of leeg";
      }
      clean[k] = n;
    });
    var own = itemsOf(r.perspectief).map(function (i) { return i.id; });
    var foreign = Object.keys(clean).filter(function (k) {
      return own.indexOf(k) < 0 && clean[k] !== null;
    }).sort();
    if (foreign.length) {
      throw "de antwoorden " + foreign.join(", ") + " horen niet bij perspectief '" +
        r.perspectief + "'";
    }
    var kept = {};
    Object.keys(clean).forEach(function (k) { if (own.indexOf(k) >= 0) { kept[k] = clean[k]; } });
    return { situatie: r.situatie, perspectief: r.perspectief, antwoorden: kept };
  }

  /* Mirror of leerlab.models.ladder.score (only what the group profile needs). */
  function score(ans, persp) {
    var items = itemsOf(persp), scores = {}, short = false;
    for (var n = 1; n <= 5; n++) {
      var values = items.filter(function (i) {
        return i.trede === n && ans[i.id] !== undefined && ans[i.id] !== null;
      }).map(function (i) { return ans[i.id]; });
      if (values.length < cfg.nodig[persp][String(n)]) { scores[n] = null; short = true; }
      else {
        var sum = 0;
        values.forEach(function (v) { sum += v; });
        scores[n] = sum / (values.length * cfg.maxAntwoord);
      }
    }
    var positie = null;
    if (!short) {
      positie = 0;
      for (n = 1; n <= 5; n++) { if (scores[n] >= cfg.drempelBereikt) { positie = n; } }
    }
    return { scores: scores, positie: positie };
  }

  function mean(values) {
    var s = 0;
    values.forEach(function (v) { s += v; });
    return s / values.length;
  }

  /* Mirror of leerlab.models.ladder.groepsprofiel. */
  function profiel(results) {
    var scored = results.map(function (r) { return [r, score(r.antwoorden, r.perspectief)]; });
    var complete = scored.filter(function (x) { return x[1].positie !== null; });
    if (complete.length < cfg.minGroep) {
      throw "Te weinig volledige resultaten: " + complete.length + ". Een groepsprofiel toont " +
        "pas iets vanaf " + cfg.minGroep + " deelnemers, zodat niemand herkenbaar is.";
    }
    var per = {};
    PERSP.forEach(function (p) {
      per[p] = complete.filter(function (x) { return x[0].perspectief === p; });
    });
    var shown = PERSP.filter(function (p) { return per[p].length >= cfg.minGroep; });
    var hidden = PERSP.filter(function (p) { return per[p].length > 0 && per[p].length < cfg.minGroep; });
    if (hidden.length) {  // no perspective apart, or subtraction gives the small one away
      shown = [];
      hidden = PERSP.filter(function (p) { return per[p].length > 0; });
    }
    var groups = { iedereen: complete }, order = ["iedereen"];
    shown.forEach(function (p) { groups[p] = per[p]; order.push(p); });
    var verdeling = {}, prof = {}, gem = {};
    order.forEach(function (g) {
      var d = {};
      for (var p = 0; p <= 5; p++) { d[p] = 0; }
      groups[g].forEach(function (x) { d[x[1].positie || 0] += 1; });
      verdeling[g] = d;
      prof[g] = {};
      for (var n = 1; n <= 5; n++) {
        prof[g][n] = mean(groups[g].map(function (x) { return x[1].scores[n] || 0; }));
      }
      gem[g] = mean(groups[g].map(function (x) { return x[1].positie || 0; }));
    });
    var both = shown.length === 2;
    var seen = {};
    complete.forEach(function (x) { seen[x[0].situatie.trim().toLowerCase()] = true; });
    var out = {
      aantal: complete.length, onvolledig: scored.length - complete.length,
      situaties: Object.keys(seen).length,
      per_perspectief: { professional: per.professional.length, bewoner: per.bewoner.length },
      order: order, verdeling: verdeling, profiel: prof, gemiddelde_positie: gem,
      kloof: null, kloof_positie: null, verborgen: hidden
    };
    if (both) {
      out.kloof = {};
      for (var n = 1; n <= 5; n++) { out.kloof[n] = prof.professional[n] - prof.bewoner[n]; }
      out.kloof_positie = gem.professional - gem.bewoner;
    }
    return out;
  }

  /* Mirror of leerlab.models.ladder.Groepsprofiel.samenvatting (= `leerlab ladder groep`). */
  function samenvatting(pr) {
    var v = {}, s = {}, g = {};
    pr.order.forEach(function (k) {
      v[k] = {}; s[k] = {};
      for (var p = 0; p <= 5; p++) { v[k][String(p)] = pr.verdeling[k][p]; }
      for (var n = 1; n <= 5; n++) { s[k][String(n)] = pyRound(100 * pr.profiel[k][n], 1); }
      g[k] = pyRound(pr.gemiddelde_positie[k], 2);
    });
    var kloof = null;
    if (pr.kloof) {
      kloof = {};
      for (var n = 1; n <= 5; n++) { kloof[String(n)] = pyRound(100 * pr.kloof[n], 1); }
    }
    return {
      aantal: pr.aantal, onvolledig: pr.onvolledig, situaties: pr.situaties,
      per_perspectief: pr.per_perspectief, verdeling: v, gemiddelde_score: s,
      gemiddelde_positie: g, verschil_per_trede: kloof,
      verschil_positie: pr.kloof_positie === null ? null : pyRound(pr.kloof_positie, 2),
      niet_apart_getoond: pr.verborgen
    };
  }

  function label(g) { return g === "iedereen" ? "Iedereen" : cfg.perspectieven[g]; }

  /* Mirror of leerlab.views.ladder_charts.groep_beschrijving. */
  function beschrijving(pr) {
    var lines = ["Groepsprofiel van " + pr.aantal + " deelnemers (" +
      pr.per_perspectief.professional + " professionals, " + pr.per_perspectief.bewoner +
      " bewoners of cliënten)."];
    pr.order.forEach(function (g) {
      var spread = [];
      for (var p = 0; p <= 5; p++) {
        if (pr.verdeling[g][p]) { spread.push("trede " + p + ": " + pr.verdeling[g][p]); }
      }
      lines.push(label(g) + ": gemiddelde positie " + fixed(pr.gemiddelde_positie[g], 1) +
        "; verdeling " + spread.join(", ") + ".");
    });
    pr.order.forEach(function (g) {
      var parts = [];
      for (var n = 1; n <= 5; n++) {
        parts.push("trede " + n + " " + pyRound(100 * pr.profiel[g][n], 0) + "%");
      }
      lines.push("Gemiddelde score " + label(g).toLowerCase() + ": " + parts.join(", ") + ".");
    });
    if (pr.kloof && pr.kloof_positie !== null) {
      var biggest = 1;
      for (var n = 2; n <= 5; n++) {
        if (Math.abs(pr.kloof[n]) > Math.abs(pr.kloof[biggest])) { biggest = n; }
      }
      lines.push("Verschil tussen de perspectieven: professionals zetten de situatie " +
        "gemiddeld " + signed(pr.kloof_positie, 1) + " trede hoger dan bewoners. Het " +
        "grootste verschil zit bij trede " + cfg.treden[biggest - 1].naam + " (" +
        signedInt(100 * pr.kloof[biggest]) + " procentpunt).");
    }
    pr.verborgen.forEach(function (g) {  // mirror of ladder_charts.niet_apart_reden
      lines.push(cfg.perspectieven[g] + ": " + (pr.per_perspectief[g] < cfg.minGroep
        ? "minder dan " + cfg.minGroep + " deelnemers, daarom niet apart getoond."
        : "niet apart getoond, want de andere groep heeft minder dan " + cfg.minGroep +
          " deelnemers. Anders kun je hun antwoorden uit het totaal afleiden."));
    });
    if (pr.onvolledig) {
      lines.push(pr.onvolledig + " resultaten waren te onvolledig om mee te tellen.");
    }
    if (pr.situaties > 1) {
      lines.push("Let op: de resultaten gaan over " + pr.situaties + " verschillende situaties.");
    }
    return lines.join(" ");
  }

  /* Reading files: mirror of leerlab.models.ladder.lees_resultaten (JSON and CSV). */
  function parseCsv(text) {
    var header = text.split("\n", 1)[0];
    var delim = (header.split(";").length > header.split(",").length) ? ";" : ",";
    var rows = [], row = [], field = "", quoted = false, i = 0;
    for (; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
        else if (c === '"') { quoted = false; }
        else { field += c; }
      } else if (c === '"') { quoted = true; }
      else if (c === delim) { row.push(field); field = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") { i++; }
        row.push(field); rows.push(row); row = []; field = "";
      } else { field += c; }
    }
    if (field !== "" || row.length) { row.push(field); rows.push(row); }
    return rows.filter(function (r) { return !(r.length === 1 && r[0] === ""); });
  }

  function read(name, text, into) {
    text = text.replace(/^\ufeff/, "");
    var lower = name.toLowerCase();
    if (/\.csv$/.test(lower)) {
      var rows = parseCsv(text);
      if (!rows.length || rows[0].indexOf("perspectief") < 0) {
        into.problemen.push(name + ", regel 1: de kopregel mist de kolom 'perspectief'.");
        return;
      }
      var head = rows[0];
      rows.slice(1).forEach(function (cells, k) {
        if (cells.length > head.length) {
          into.problemen.push(name + ", regel " + (k + 2) + ": deze regel heeft te veel kolommen.");
          return;
        }
        var obj = {};
        head.forEach(function (h, j) { obj[h] = j < cells.length ? cells[j] : null; });
        try { into.resultaten.push(resultaat(obj)); }
        catch (e) { into.problemen.push(name + ", regel " + (k + 2) + ": " + e); }
      });
    } else if (/\.json$/.test(lower)) {
      var doc;
      try { doc = JSON.parse(text); }
      catch (e) { into.problemen.push(name + ": dit is geen geldige JSON."); return; }
      (Array.isArray(doc) ? doc : [doc]).forEach(function (item, k) {
        try { into.resultaten.push(resultaat(item)); }
        catch (e) { into.problemen.push(name + ", uitslag " + (k + 1) + ": " + e); }
      });
    } else {
      into.problemen.push(name + ": alleen .json- en .csv-bestanden worden gelezen.");
    }
  }

  function cell(text) { var td = document.createElement("td"); td.textContent = text; return td; }

  /* Mirror of leerlab.live.paginas.profiel_html (tables with the same numbers). */
  function tables(sum) {
    var box = $(".groep-tabellen");
    box.textContent = "";
    function table(caption, first, rowsOf, extraHead) {
      var t = document.createElement("table");
      t.className = "table leerlab-tabel";
      var cap = document.createElement("caption"); cap.textContent = caption; t.appendChild(cap);
      var thead = document.createElement("thead"), tr = document.createElement("tr");
      [first].concat(Object.keys(sum.verdeling).map(label), extraHead || []).forEach(function (h) {
        var th = document.createElement("th"); th.scope = "col"; th.textContent = h; tr.appendChild(th);
      });
      thead.appendChild(tr); t.appendChild(thead);
      var tbody = document.createElement("tbody");
      rowsOf.forEach(function (r) {
        var row = document.createElement("tr"), th = document.createElement("th");
        th.scope = "row"; th.textContent = r[0]; row.appendChild(th);
        r.slice(1).forEach(function (v) { row.appendChild(cell(v)); });
        tbody.appendChild(row);
      });
      t.appendChild(tbody);
      box.appendChild(t);
    }
    var groups = Object.keys(sum.verdeling), rows = [];
    for (var p = 0; p <= 5; p++) {
      var name = cfg.duiding[p].titel;
      rows.push([p === 0 ? name : "Trede " + p + ": " + name].concat(
        groups.map(function (g) { return String(sum.verdeling[g][String(p)]); })));
    }
    table("Aantal deelnemers per positie op de trap", "Positie", rows);
    rows = [];
    for (var n = 1; n <= 5; n++) {
      var r = [cfg.treden[n - 1].naam].concat(groups.map(function (g) {
        return pyRound(sum.gemiddelde_score[g][String(n)], 0) + "%";
      }));
      if (sum.verschil_per_trede) {
        r.push(signedInt(sum.verschil_per_trede[String(n)]));
      }
      rows.push(r);
    }
    table("Gemiddelde score per trede", "Trede", rows,
          sum.verschil_per_trede ? ["Verschil (professional min bewoner)"] : []);
  }

  var current = null;
  function show(files) {
    var into = { resultaten: [], problemen: [] };
    var jobs = Array.prototype.map.call(files, function (f) {
      return f.text().then(function (t) { return [f.name, t]; });
    });
    return Promise.all(jobs).then(function (texts) {
      texts.forEach(function (x) { read(x[0], x[1], into); });
      var list = $(".groep-problemen");
      list.textContent = "";
      into.problemen.forEach(function (p) {
        var li = document.createElement("li"); li.textContent = "Overgeslagen: " + p;
        list.appendChild(li);
      });
      var msg = $(".groep-melding");
      try {
        var pr = profiel(into.resultaten);
        current = samenvatting(pr);
        msg.textContent = beschrijving(pr);
        tables(current);
        $(".groep-download").hidden = false;
      } catch (e) {
        current = null;
        msg.textContent = String(e);
        $(".groep-tabellen").textContent = "";
        $(".groep-download").hidden = true;
      }
      root.dataset.klaar = String(Number(root.dataset.klaar || 0) + 1);
      root.__leerlabGroep = current;
    });
  }

  var input = $("input[type='file']");
  input.addEventListener("change", function () { show(input.files); });
  var zone = $(".groep-zone");
  zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("actief"); });
  zone.addEventListener("dragleave", function () { zone.classList.remove("actief"); });
  zone.addEventListener("drop", function (e) {
    e.preventDefault(); zone.classList.remove("actief"); show(e.dataTransfer.files);
  });
  $(".groep-download").addEventListener("click", function () {
    if (!current) { return; }
    var blob = new Blob([JSON.stringify(current, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "groepsprofiel.json";
    document.body.appendChild(link); link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  });
})();
