/* Presenter view: follows the server-sent events of this session.
 * The server decides what may be shown (count only, or the revealed snapshot);
 * this script only puts the server's text and tables on the screen. */
(function () {
  "use strict";
  var stand = document.getElementById("stand");
  var profiel = document.getElementById("profiel");
  if (!stand || typeof EventSource === "undefined") { return; }
  var source = new EventSource(window.location.pathname + "/stroom");
  source.addEventListener("stand", function (event) {
    var data = JSON.parse(event.data);
    stand.textContent = data.melding;
    stand.dataset.versie = String(data.versie);
    profiel.innerHTML = data.html;
    if (data.gesloten) {
      var knoppen = document.querySelector(".knoppen");
      if (knoppen) { knoppen.textContent = ""; }
      source.close();
    }
  });
})();
