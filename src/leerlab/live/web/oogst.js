/* The harvest (oogst) form: the one-page summary made in the browser, nothing is sent.
 *
 * Mirrors leerlab.models.sessies (OogstNotities checks, oogst_html). Field names, limits,
 * texts and the summary's style come from the embedded Python config.
 * tests/test_live_oogst.py fills this form and compares the summary with Python's, and
 * feeds the downloaded notes to `leerlab sessie oogst`.
 */
(function () {
  "use strict";
  var root = document.currentScript.closest("[data-leerlab-script='oogst']");
  var cfg = JSON.parse(root.querySelector("script.oogst-config").textContent);
  var T = cfg.teksten;
  var $ = function (sel) { return root.querySelector(sel); };
  var form = $(".oogst-form");
  var GROEPEN = [
    ["Over de sessie", ["sessie", "datum", "netwerk", "deelnemers", "gemeenten", "casus", "hulpmiddel"]],
    ["Feedback in drie rondes", ["goed", "kwetsbaar", "afwezig"]],
    ["Duiden", ["inzichten", "beelden"]],
    ["Vragen voor de volgende keer", ["vragen"]]
  ];
  var laatste = null;

  /* Python's html.escape(s, quote=True). */
  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) { e.textContent = text; }
    return e;
  }
  function veld(naam, spec, parent) {
    var id = "oogst-" + naam;
    parent.appendChild(el("label", { "for": id }, spec.label + (spec.verplicht ? " (verplicht)" : "")));
    var input;
    if (spec.soort === "lijst") {
      input = el("textarea", { id: id, name: naam, rows: "3" });
    } else {
      input = el("input", { id: id, name: naam });
      if (spec.soort === "integer") {
        input.type = "number"; input.setAttribute("inputmode", "numeric");
        if (spec.min !== null) { input.min = spec.min; }
        if (spec.max !== null) { input.max = spec.max; }
      } else if (spec.soort === "datum") {
        input.type = "date";
      } else {
        input.type = "text";
      }
    }
    if (spec.verplicht) { input.required = true; }
    if (spec.hint) {
      var hint = el("p", { id: id + "-hint", "class": "oogst-hint" }, spec.hint);
      input.setAttribute("aria-describedby", hint.id);
      parent.appendChild(input); parent.appendChild(hint);
    } else {
      parent.appendChild(input);
    }
  }
  function bouw() {
    form.textContent = "";
    GROEPEN.forEach(function (g) {
      var fs = el("fieldset"); fs.appendChild(el("legend", {}, g[0]));
      g[1].forEach(function (n) { veld(n, cfg.velden[n], fs); });
      form.appendChild(fs);
    });
    var fs = el("fieldset"); fs.appendChild(el("legend", {}, "Afspraken: wie doet wat, wanneer?"));
    for (var i = 1; i <= cfg.aantalActies; i++) {
      var sub = el("fieldset"); sub.appendChild(el("legend", {}, "Afspraak " + i));
      ["wat", "wie", "wanneer"].forEach(function (k) {
        var id = "oogst-actie-" + i + "-" + k;
        sub.appendChild(el("label", { "for": id }, T[k]));
        sub.appendChild(el("input", { id: id, name: "actie-" + i + "-" + k, type: "text" }));
      });
      fs.appendChild(sub);
    }
    form.appendChild(fs);
    form.appendChild(el("button", { type: "submit", "class": "oogst-maak" }, "Maak de samenvatting"));
  }

  function regels(s) {
    return s.split("\n").map(function (r) { return r.trim(); }).filter(function (r) { return r; });
  }
  /* The form's values as notes, or a list of Dutch problems (mirrors OogstNotities). */
  function lees() {
    var notities = {}, fouten = [];
    Object.keys(cfg.velden).forEach(function (n) {
      var spec = cfg.velden[n], waarde = form.elements[n].value.trim(), label = spec.label;
      if (spec.soort === "lijst") {
        var items = regels(form.elements[n].value);
        if (spec.minItems && items.length < spec.minItems) {
          fouten.push([n, label + ": schrijf minstens " + spec.minItems + " punt op."]);
        }
        notities[n] = items;
        return;
      }
      if (!waarde) {
        if (spec.verplicht) { fouten.push([n, label + ": dit veld is verplicht."]); }
        else { notities[n] = null; }
        return;
      }
      if (spec.soort === "integer") {
        var getal = Number(waarde);
        if (!/^[0-9]+$/.test(waarde) || getal < spec.min || getal > spec.max) {
          fouten.push([n, label + ": kies een heel getal van " + spec.min + " tot en met " + spec.max + "."]);
        }
        notities[n] = getal;
      } else if (spec.soort === "datum") {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(waarde) || isNaN(Date.parse(waarde + "T00:00:00Z"))) {
          fouten.push([n, label + ": schrijf de datum als jaar-maand-dag."]);
        }
        notities[n] = waarde;
      } else {
        if (spec.minLengte && waarde.length < spec.minLengte) {
          fouten.push([n, label + ": schrijf minstens " + spec.minLengte + " tekens."]);
        }
        notities[n] = waarde;
      }
    });
    notities.acties = [];
    for (var i = 1; i <= cfg.aantalActies; i++) {
      var a = {}, leeg = true;
      ["wat", "wie", "wanneer"].forEach(function (k) {
        a[k] = form.elements["actie-" + i + "-" + k].value.trim();
        if (a[k]) { leeg = false; }
      });
      if (leeg) { continue; }
      ["wat", "wie", "wanneer"].forEach(function (k) {
        if (a[k].length < cfg.actie[k]) {
          fouten.push(["actie-" + i + "-" + k, "Afspraak " + i + ", " + T[k] + ": schrijf minstens " + cfg.actie[k] + " tekens."]);
        }
      });
      notities.acties.push(a);
    }
    return { notities: notities, fouten: fouten };
  }

  function items(lijst, leeg) {
    if (!lijst.length) { return "<p>" + (leeg || T.leeg) + "</p>"; }
    return "<ul>" + lijst.map(function (i) { return "<li>" + esc(i) + "</li>"; }).join("") + "</ul>";
  }
  /* Mirror of oogst_html. */
  function samenvatting(n) {
    var kop = T.titel.replace("{sessie}", n.sessie);
    var kopSessie = cfg.titels[String(n.sessie)] || "";
    var d = n.datum.split("-");
    var meta = [d[2] + "-" + d[1] + "-" + d[0], esc(n.netwerk), T.deelnemers.replace("{n}", n.deelnemers)];
    if (n.gemeenten.length) { meta.push(T.gemeenten + esc(n.gemeenten.join(", "))); }
    var acties = n.acties.length
      ? "<table><thead><tr><th scope='col'>" + T.wat + "</th><th scope='col'>" + T.wie + "</th>" +
        "<th scope='col'>" + T.wanneer + "</th></tr></thead><tbody>" +
        n.acties.map(function (a) {
          return "<tr><td>" + esc(a.wat) + "</td><td>" + esc(a.wie) + "</td><td>" + esc(a.wanneer) + "</td></tr>";
        }).join("") + "</tbody></table>"
      : "<p>" + T.geen_acties + "</p>";
    var extra = "";
    if (n.casus) { extra += "<p><strong>" + T.casus + "</strong> " + esc(n.casus) + "</p>"; }
    if (n.hulpmiddel) { extra += "<p><strong>" + T.hulpmiddel + "</strong> " + esc(n.hulpmiddel) + "</p>"; }
    var onderwerp = kopSessie ? ": " + esc(kopSessie) : "";
    return "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n" +
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
      "<title>" + esc(kop) + "</title>\n<style>" + cfg.css + "</style>\n</head>\n<body>\n<main>\n" +
      "<h1>" + esc(kop) + onderwerp + "</h1>\n<p class=\"meta\">" + meta.join(" · ") + "</p>\n" + extra +
      "\n<h2>" + T.feedback + "</h2>\n<div class=\"kolommen\">\n" +
      "<section><h3>" + T.goed + "</h3>" + items(n.goed) + "</section>\n" +
      "<section><h3>" + T.kwetsbaar + "</h3>" + items(n.kwetsbaar) + "</section>\n" +
      "<section><h3>" + T.afwezig + "</h3>" + items(n.afwezig) + "</section>\n</div>\n" +
      "<h2>" + T.inzichten + "</h2>\n" + items(n.inzichten) + "\n" +
      "<h2>" + T.beelden + "</h2>\n" + items(n.beelden) + "\n" +
      "<h2>" + T.acties + "</h2>\n" + acties + "\n" +
      "<h2>" + T.vragen + "</h2>\n" + items(n.vragen) + "\n</main>\n</body>\n</html>\n";
  }

  function toon(ev) {
    ev.preventDefault();
    var r = lees(), lijst = $(".oogst-fouten"), uit = $(".oogst-uitvoer");
    lijst.textContent = "";
    form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
    if (r.fouten.length) {
      r.fouten.forEach(function (f) {
        lijst.appendChild(el("li", {}, f[1]));
        form.elements[f[0]].setAttribute("aria-invalid", "true");
      });
      $(".oogst-melding").textContent = "Er " + (r.fouten.length === 1 ? "is 1 punt" : "zijn " + r.fouten.length + " punten") +
        " om te verbeteren. Er is nog geen samenvatting gemaakt.";
      form.elements[r.fouten[0][0]].focus();
      root.dataset.klaar = String(Number(root.dataset.klaar || 0) + 1);
      return;
    }
    laatste = r.notities;
    uit.srcdoc = samenvatting(r.notities);
    uit.hidden = false;
    $(".oogst-knoppen").hidden = false;
    $(".oogst-melding").textContent = "De samenvatting staat hieronder. Print hem of download de notities.";
    uit.onload = function () { root.dataset.klaar = String(Number(root.dataset.klaar || 0) + 1); };
  }
  function download() {
    if (!laatste) { return; }
    var blob = new Blob([JSON.stringify(laatste, null, 2) + "\n"], { type: "application/json" });
    var a = el("a", { href: URL.createObjectURL(blob), download: "oogst-notities-sessie-" + laatste.sessie + ".json" });
    document.body.appendChild(a); a.click(); a.remove();
  }

  bouw();
  form.addEventListener("submit", toon);
  $(".oogst-print").addEventListener("click", function () { $(".oogst-uitvoer").contentWindow.print(); });
  $(".oogst-download").addEventListener("click", download);
})();
