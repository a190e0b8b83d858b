// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Quick exit: Esc leaves too, and location.replace keeps this page out of the Back history.
  var exit = document.querySelector("[data-quick-exit]");
  if (exit) {
    var leave = function (event) {
      if (event) { event.preventDefault(); }
      document.body.hidden = true;
      window.location.replace(exit.href);
    };
    exit.addEventListener("click", leave);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { leave(event); }
    });
  }

  var place = document.querySelector("[data-place-suggest]");
  if (!place) { return; }

  // Place suggestions into the field's <datalist>, after a short pause in typing.
  var list = document.getElementById(place.getAttribute("list"));
  var timer = null;
  place.addEventListener("input", function () {
    clearTimeout(timer);
    var prefix = place.value.trim();
    if (prefix.length < 2 || /^\d+$/.test(prefix)) { return; }
    timer = setTimeout(function () {
      fetch(place.dataset.placeSuggest + "?q=" + encodeURIComponent(prefix))
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (names) {
          list.textContent = "";
          names.forEach(function (name) {
            var option = document.createElement("option");
            option.value = name;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });

  // "Use my location": the position becomes the nearest place name, so shared URLs carry no coordinates.
  var locate = document.querySelector("[data-locate]");
  var status = document.querySelector("[data-locate-status]");
  if (!locate || !("geolocation" in navigator)) { return; }
  locate.hidden = false;
  locate.addEventListener("click", function () {
    var fail = function () { status.textContent = locate.dataset.locateError; };
    navigator.geolocation.getCurrentPosition(function (position) {
      var url = locate.dataset.locate + "?lat=" + position.coords.latitude + "&lon=" + position.coords.longitude;
      fetch(url)
        .then(function (response) { if (!response.ok) { throw new Error(); } return response.json(); })
        .then(function (found) { place.value = found.name; status.textContent = ""; place.focus(); })
        .catch(fail);
    }, fail, { timeout: 10000, maximumAge: 600000 });
  });
}());
