"""The funding simulator in JavaScript: a line-by-line port of leerlab.models.bekostiging.

It defines ``window.leerlabBekostiging = {simuleer, vergelijk, omslagjaar, euro, ...}``. Every
function mirrors the Python function of the same name; tests/test_bekostiging_browser.py runs
both on every preset and on random inputs and requires equal figures (relative error ≤ 1e-9).
Constants (domains, models, tolerance) are filled in from the Python module, so they cannot drift.
"""

from __future__ import annotations

import json

from leerlab.models import bekostiging as bk

_MODEL_JS = r"""
(function () {
  "use strict";
  var DOMEINEN = __DOMEINEN__;
  var MODEL_IDS = __MODEL_IDS__;
  var VASTE_BUDGETTEN = __VASTE__;
  var DOMEIN_UITKOMSTEN = __DOMEIN_UITKOMSTEN__;
  var SAMENVATTING = __SAMENVATTING__;
  var TOLERANTIE = __TOLERANTIE__;

  function v(p, naam, d) { return p[naam + "_" + d]; }
  function som(lijst) { var s = 0; for (var i = 0; i < lijst.length; i++) { s += lijst[i]; } return s; }
  function isVast(model) { return VASTE_BUDGETTEN.indexOf(model) >= 0; }

  function vraag(p, d, t) {
    var schok = t >= p.schokjaar ? v(p, "schok", d) / 100 : 0.0;
    return v(p, "clienten", d) * Math.pow(1 + v(p, "groei", d) / 100, t) * (1 + schok);
  }
  function prijsfactor(p, t) {
    return Math.pow(1 + p.kostenstijging / 100 * (p.prijsindexatie / 100), t);
  }
  function kostfactor(p, t) { return Math.pow(1 + p.kostenstijging / 100, t); }
  function effect(p, t, reeksG, xA, reeksA) {
    var s = p.preventie_effect / 100;
    var xG = p.gemeente_preventie / 100;
    var a = p.aanloopjaren;
    return s * (xG * Math.min(1.0, reeksG / a) + xA * Math.min(1.0, reeksA / a));
  }

  function administratie(p, model, t, k, clienten, vraagTotaal) {
    var beschikkingen = clienten;
    var declaraties;
    if (model === "pxq" || model === "uitkomst") {
      declaraties = p.declaraties_pxq * clienten;
    } else if (model === "traject") {
      declaraties = p.declaraties_traject * clienten;
    } else {
      declaraties = 0.0;
    }
    var metingen = model === "uitkomst" ? vraagTotaal : 0.0;
    var controles = p.controle_aandeel / 100 * declaraties;
    var budgetten = 1 + (DOMEINEN.length - 1) * (1 - p.ontschotting / 100);
    var rapportages = isVast(model) ? p.rapportages * p.aanbieders * budgetten : 0.0;
    var contractbeheer = p.aanbieders;
    var aanbesteding = t === k.start ? p.aanbieders * p.aanbesteding_handelingen : 0.0;
    var handelingen = (
      beschikkingen + declaraties + metingen + controles + rapportages + contractbeheer
    ) + aanbesteding;
    var kosten = (
      beschikkingen * p.kosten_beschikking
      + (declaraties + metingen) * p.kosten_declaratie
      + controles * p.kosten_controle
      + rapportages * p.kosten_rapportage
      + contractbeheer * p.kosten_contractbeheer
      + aanbesteding * p.kosten_aanbesteding
    );
    return [handelingen, kosten];
  }

  function jaar(p, model, t, k, xA, reeksA) {
    var e = effect(p, t, t, xA, reeksA);
    var pf = prijsfactor(p, t);
    var kf = kostfactor(p, t);
    var rCut = model === "traject" ? p.reactie / 100 * (p.urenkorting / 100) : 0.0;
    var per = {};
    var i, d;
    for (i = 0; i < DOMEINEN.length; i++) {
      d = DOMEINEN[i];
      var q = vraag(p, d, t);
      var c = q * (1 - e);
      var u = v(p, "uren", d);
      var prijs = v(p, "prijs", d) * pf;
      var kost = v(p, "kostprijs", d) * kf;
      var nodig = c * u * kost;
      var betaling, geleverd;
      if (model === "pxq") {
        betaling = c * u * prijs;
        geleverd = nodig;
      } else if (model === "traject") {
        betaling = c * k.basisUren[d] * prijs;
        geleverd = c * u * (1 - rCut) * kost;
      } else if (model === "uitkomst") {
        betaling = c * u * prijs + p.gedeelde_besparing / 100 * (q * e) * u * prijs;
        geleverd = nodig;
      } else {
        var jaren = t - k.basisjaar;
        var volume;
        if (model === "lumpsum") {
          var groei = Math.pow(1 + v(p, "groei", d) / 100, jaren) - 1;
          volume = 1 + p.demografische_indexatie / 100 * groei;
        } else {
          volume = Math.pow(1 + p.bevolkingsgroei / 100, jaren);
        }
        betaling = k.basisClienten[d] * u * prijs * volume;
        geleverd = nodig;
      }
      per[d] = {
        vraag: q, clienten: c, betaling: betaling, nodig: nodig, geleverd: geleverd,
        kost_client: u * kost,
        rijksbijdrage: v(p, "rijksbijdrage", d) * Math.pow(1 + p.rijksindexatie / 100, t)
      };
    }
    function totaal(sleutel) { return som(DOMEINEN.map(function (x) { return per[x][sleutel]; })); }
    var aanbiederPreventie = p.preventie_kosten * xA;
    var betalingTotaal = totaal("betaling");
    if (isVast(model)) {
      var tekortD = {}, overD = {};
      DOMEINEN.forEach(function (x) {
        tekortD[x] = Math.max(0.0, per[x].nodig - per[x].betaling);
        overD[x] = Math.max(0.0, per[x].betaling - per[x].nodig);
      });
      var tekorten = som(DOMEINEN.map(function (x) { return tekortD[x]; }));
      var overschot = som(DOMEINEN.map(function (x) { return overD[x]; }));
      var reserve = p.verliesruimte / 100 * betalingTotaal;
      var gedekt = Math.max(0.0, Math.min(
        tekorten,
        p.ontschotting / 100 * overschot + reserve,
        overschot + reserve - aanbiederPreventie
      ));
      var rest = tekorten > 0 ? 1 - gedekt / tekorten : 0.0;
      DOMEINEN.forEach(function (x) { per[x].geleverd = per[x].nodig - tekortD[x] * rest; });
    }
    DOMEINEN.forEach(function (x) { per[x].onvervuld = per[x].nodig - per[x].geleverd; });
    var gemeentePreventie = p.preventie_kosten * p.gemeente_preventie / 100;
    var zorgGeleverd = totaal("geleverd");
    var gemeenteKosten = betalingTotaal + gemeentePreventie;
    var rijks = totaal("rijksbijdrage");
    var clienten = totaal("clienten");
    var totaalVraag = totaal("vraag");
    var onvervuldClienten = som(DOMEINEN.map(function (x) {
      return per[x].kost_client > 0 ? per[x].onvervuld / per[x].kost_client : 0.0;
    }));
    var adm = administratie(p, model, t, k, clienten, totaalVraag);
    var uit = {
      betaling: betalingTotaal,
      gemeente_preventie: gemeentePreventie,
      gemeente_kosten: gemeenteKosten,
      rijksbijdrage: rijks,
      tekort: gemeenteKosten - rijks,
      aanbieder_preventie: aanbiederPreventie,
      zorg_nodig: totaal("nodig"),
      zorg_geleverd: zorgGeleverd,
      onvervuld: totaal("onvervuld"),
      aanbieder_kosten: zorgGeleverd + aanbiederPreventie,
      marge: betalingTotaal - zorgGeleverd - aanbiederPreventie,
      vraag: totaalVraag,
      clienten: clienten,
      voorkomen: totaalVraag - clienten,
      onvervuld_clienten: onvervuldClienten,
      preventie_effect: e,
      aanbieder_investeert: xA > 0 ? 1.0 : 0.0,
      handelingen: adm[0],
      administratie: adm[1]
    };
    DOMEINEN.forEach(function (x) {
      DOMEIN_UITKOMSTEN.forEach(function (sleutel) {
        var bron = sleutel === "zorg_nodig" ? "nodig" : sleutel;
        uit[sleutel + "_" + x] = per[x][bron];
      });
    });
    return uit;
  }

  function simuleer(p, model) {
    var jaren = Math.trunc(p.jaren);
    var duur = Math.trunc(p.contractduur);
    var rijen = [];
    var reeksA = 0;
    var xKan = p.reactie / 100 * (1 - p.gemeente_preventie / 100);
    var start = 1;
    while (start <= jaren) {
      var basisjaar = (p.herijking >= 0.5 && start > 1) ? start - 1 : 0;
      var clienten = {}, uren = {};
      if (basisjaar === 0) {
        DOMEINEN.forEach(function (d) { clienten[d] = vraag(p, d, 0); uren[d] = v(p, "uren", d); });
      } else {
        var vorig = rijen[basisjaar - 1];
        var korting = model === "traject" ? p.reactie / 100 * (p.urenkorting / 100) : 0.0;
        DOMEINEN.forEach(function (d) {
          clienten[d] = vorig["clienten_" + d];
          uren[d] = v(p, "uren", d) * (1 - korting);
        });
      }
      var k = {start: start, basisjaar: basisjaar, basisClienten: clienten, basisUren: uren};
      var xA = 0.0;
      var i;
      if (xKan > 0 && p.preventie_effect > 0) {
        var met = 0, zonder = 0;
        for (i = 0; i < duur; i++) { met += jaar(p, model, start + i, k, xKan, reeksA + i + 1).marge; }
        for (i = 0; i < duur; i++) { zonder += jaar(p, model, start + i, k, 0.0, 0).marge; }
        if (met - zonder > TOLERANTIE) { xA = xKan; }
      }
      for (i = 0; i < Math.min(duur, jaren - start + 1); i++) {
        reeksA = xA > 0 ? reeksA + 1 : 0;
        rijen.push(jaar(p, model, start + i, k, xA, reeksA));
      }
      start += duur;
    }
    return rijen;
  }

  function omslagjaar(voordeel) {
    var totaal = 0.0, laatsteNiet = 0;
    for (var j = 0; j < voordeel.length; j++) {
      totaal += voordeel[j];
      if (totaal <= TOLERANTIE) { laatsteNiet = j + 1; }
    }
    return laatsteNiet >= voordeel.length ? null : laatsteNiet + 1;
  }

  function winst(met, zonder) {
    var g = [], a = [], s = [];
    for (var j = 0; j < met.length; j++) {
      var gj = zonder[j].gemeente_kosten - met[j].gemeente_kosten;
      var aj = met[j].marge - zonder[j].marge;
      g.push(gj); a.push(aj);
      s.push(gj + aj - (met[j].onvervuld - zonder[j].onvervuld));
    }
    return [g, a, s];
  }

  function met(p, wijziging) {
    var q = {};
    Object.keys(p).forEach(function (x) { q[x] = p[x]; });
    Object.keys(wijziging).forEach(function (x) { q[x] = wijziging[x]; });
    return q;
  }

  function vergelijk(p) {
    var p0 = met(p, {preventie_effect: 0, preventie_kosten: 0});
    var ph = met(p, {preventie_effect: p.preventie_effect / 2});
    var reeksen = {}, uitslagen = {};
    MODEL_IDS.forEach(function (m) {
      var rijen = simuleer(p, m);
      var zonder = simuleer(p0, m);
      var half = simuleer(ph, m);
      var w = winst(rijen, zonder);
      var h = winst(half, zonder);
      var totaal = {};
      SAMENVATTING.forEach(function (key) { totaal[key] = som(rijen.map(function (r) { return r[key]; })); });
      reeksen[m] = rijen;
      uitslagen[m] = {
        totaal: totaal,
        winst_gemeente: som(w[0]),
        winst_aanbieder: som(w[1]),
        terug_gemeente: omslagjaar(w[0]),
        terug_aanbieder: omslagjaar(w[1]),
        terug_samenleving: omslagjaar(w[2]),
        half_winst_gemeente: som(h[0]),
        half_terug_gemeente: omslagjaar(h[0]),
        half_terug_samenleving: omslagjaar(h[2])
      };
    });
    return {reeksen: reeksen, uitslagen: uitslagen};
  }

  // Python's round(): half to even.
  function rond(x) {
    var f = Math.floor(x), r = x - f;
    if (r > 0.5) { return f + 1; }
    if (r < 0.5) { return f; }
    return f % 2 === 0 ? f : f + 1;
  }
  function nlGetal(x) {
    var tekst = String(Math.abs(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (x < 0 ? "\u2212" : "") + tekst;
  }
  function euro(bedrag) {
    var afgerond = rond(bedrag);
    return (afgerond < 0 ? "\u2212" : "") + "\u20ac " + nlGetal(Math.abs(afgerond));
  }
  function jaarTekst(j) { return j === null ? "niet binnen de periode" : "jaar " + j; }

  window.leerlabBekostiging = {
    simuleer: simuleer, vergelijk: vergelijk, omslagjaar: omslagjaar,
    euro: euro, jaarTekst: jaarTekst, nlGetal: nlGetal,
    MODEL_IDS: MODEL_IDS, DOMEINEN: DOMEINEN
  };
})();
"""  # noqa: E501


def model_js() -> str:
    """The JavaScript model with its constants taken from the Python module."""
    vervang = {
        "__DOMEINEN__": bk.DOMEINEN,
        "__MODEL_IDS__": bk.MODEL_IDS,
        "__VASTE__": bk.VASTE_BUDGETTEN,
        "__DOMEIN_UITKOMSTEN__": bk.DOMEIN_UITKOMSTEN,
        "__SAMENVATTING__": bk.SAMENVATTING,
        "__TOLERANTIE__": bk.TOLERANTIE,
    }
    tekst = _MODEL_JS
    for sleutel, waarde in vervang.items():
        tekst = tekst.replace(
            sleutel, json.dumps(list(waarde) if isinstance(waarde, tuple) else waarde)
        )
    return tekst
